import { storeContract } from './store.contract.js';
import { openTestStore } from './postgres.testing.js';

// the same contract as SQLite, against a real PostgreSQL (started by the test command if needed)
storeContract('PostgreSQL', async () => {
  const { store, reopen } = await openTestStore();
  return { store, reopen };
});
