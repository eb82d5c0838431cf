import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/src/**/*.test.ts', 'client/src/**/*.test.ts', 'server/src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // a real PostgreSQL for the PostgreSQL store's tests and a real Redis for the multi-process ones, started here if not running
    globalSetup: ['server/src/storage/postgres.globalSetup.ts', 'server/src/cluster/redis.globalSetup.ts'],
    testTimeout: 30000,
  },
});
