import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openPostgresStore, type PostgresOptions } from './postgres.js';

/** The URL of this test run's database (tests/postgres/globalSetup.ts). */
export function testDatabaseUrl(): string {
  return inject('databaseUrl');
}

/** A schema no other test uses, so tests and runs never see each other's boards. */
export function freshSchema(): string {
  return `t_${randomBytes(8).toString('hex')}`;
}

/** A PostgreSQL store in a schema of its own, and a way to open it again (as a restarted server would). */
export async function openTestStore(options: PostgresOptions = {}) {
  const schema = options.schema ?? freshSchema();
  const url = testDatabaseUrl();
  const open = () => openPostgresStore(url, { ...options, schema });
  return { store: await open(), reopen: open, schema, url };
}
