import os from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

const include = ['shared/src/**/*.test.ts', 'client/src/**/*.test.ts', 'server/src/**/*.test.ts', 'tests/integration/**/*.test.ts'];
/** the test files that replace a module (`vi.mock`): they need modules of their own, loaded after the replacement */
const replacingModules = ['server/src/rooms/BoardRoom.catchUpViews.test.ts', 'client/src/sync/BoardSession.test.ts'];

export default defineConfig({
  test: {
    // a real PostgreSQL for the PostgreSQL store's tests and a real Redis for the multi-process ones, started here if
    // not running; then one temporary directory for the run, removed at its end
    globalSetup: ['server/src/storage/postgres.globalSetup.ts', 'server/src/cluster/redis.globalSetup.ts', 'tests/tmpRoot.globalSetup.ts'],
    testTimeout: 30000,
    // one test file per core and one more: Vitest's default leaves one core idle (on this 2-core machine, half the
    // run), and the multi-process files mostly wait (a lease, a browser's 15 s): with three workers on 2 cores the
    // cores were still idle a third of the run (vmstat), which took 208 s against 226 with two (stop 51)
    maxWorkers: os.availableParallelism() + 1,
    projects: [
      {
        extends: true,
        // A worker keeps the modules it loaded from one test file to the next instead of loading them again for each:
        // the run took 235 s against 323 here (imports 13 s against 112). No test file keeps state in a module, and
        // spies on shared prototypes are restored by the test that made them.
        test: { name: 'modules shared', include, exclude: [...configDefaults.exclude, ...replacingModules], isolate: false },
      },
      { extends: true, test: { name: 'modules replaced', include: replacingModules } },
    ],
  },
});
