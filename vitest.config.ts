import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/src/**/*.test.ts', 'client/src/**/*.test.ts', 'server/src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // a real PostgreSQL for the PostgreSQL store's tests and a real Redis for the multi-process ones, started here if
    // not running; then one temporary directory for the run, removed at its end
    globalSetup: ['server/src/storage/postgres.globalSetup.ts', 'server/src/cluster/redis.globalSetup.ts', 'tests/tmpRoot.globalSetup.ts'],
    testTimeout: 30000,
    // one test file per core: Vitest's default leaves one core idle (on this 2-core machine, half the run)
    maxWorkers: os.availableParallelism(),
  },
});
