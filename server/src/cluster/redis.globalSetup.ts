import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** a real Redis for the multi-process tests (CL-*); every test uses boards of its own, so runs never meet */
    redisUrl: string;
  }
}

/**
 * The multi-process tests never skip: if CANDOR_TEST_REDIS_URL is not set, `scripts/redis.sh` installs and
 * starts Debian's Redis.
 */
export default function setup(project: TestProject) {
  const url = process.env.CANDOR_TEST_REDIS_URL ?? execFileSync('bash', [fileURLToPath(new URL('../../../scripts/redis.sh', import.meta.url))], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  if (!/^rediss?:\/\/\S+$/.test(url)) throw new Error(`CANDOR_TEST_REDIS_URL must be a redis:// URL; scripts/redis.sh gave ${JSON.stringify(url)}`);
  project.provide('redisUrl', url);
}
