import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** a database of this run's own on a real PostgreSQL; every test makes a schema of its own in it */
    databaseUrl: string;
  }
}

/**
 * The PostgreSQL store's tests never skip: if CANDOR_TEST_DATABASE_URL is not set, `scripts/postgres.sh`
 * installs, starts and prepares Debian's PostgreSQL. Each Vitest run gets a fresh database (several people
 * may run the suite on one machine at once), dropped at the end.
 */
export default async function setup(project: TestProject) {
  const base = process.env.CANDOR_TEST_DATABASE_URL ?? execFileSync('bash', [fileURLToPath(new URL('../../../scripts/postgres.sh', import.meta.url))], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  if (!/^postgres(ql)?:\/\/\S+$/.test(base)) {
    throw new Error(`CANDOR_TEST_DATABASE_URL must be a postgres:// URL; scripts/postgres.sh gave ${JSON.stringify(base)}`);
  }
  const name = `candor_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  project.provide('databaseUrl', url.toString());
  return async () => {
    const drop = new pg.Client({ connectionString: base });
    await drop.connect();
    // the run's database and those its tests made for installations of their own (`installationDatabase`)
    const { rows } = await drop.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2", [name, `${name}\\_%`]);
    for (const { datname } of rows) await drop.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await drop.end();
  };
}
