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
    // two test files per core: Vitest's default leaves one core idle (on this 2-core machine, half the run), and the
    // multi-process files mostly wait (a lease, a kill -9's restart, a browser's 15 s). With three workers on 2 cores the
    // cores were still idle a fifth of the run (vmstat) and it took 177-181 s; with four, 150 s and idle a tenth; with
    // five, 143 s with the cores busy throughout and the tests' own times a third longer (stop 68)
    maxWorkers: Math.min(os.availableParallelism() * 2, os.availableParallelism() + 4),
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
