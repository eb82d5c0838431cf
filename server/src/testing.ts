/** What tests need beside `createApp`: the real store to wrap, and the store that fails on demand. */
export { openSqliteStore } from './storage/sqlite.js';
export { faultyStore, type FaultyStore, type FaultControls } from './storage/faultyStore.js';
export type { BoardStore } from './storage/BoardStore.js';
export { Redis } from 'ioredis';
