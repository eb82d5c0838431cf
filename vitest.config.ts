import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/src/**/*.test.ts', 'client/src/**/*.test.ts', 'server/src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // a real PostgreSQL for the PostgreSQL store's tests, started here if it is not running
    globalSetup: ['server/src/storage/postgres.globalSetup.ts'],
    testTimeout: 30000,
  },
});
