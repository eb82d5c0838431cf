import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { nanoid } from 'nanoid';
import { LIMITS } from '@candor/shared';
import { type Config, defaultKeyFile } from './config.js';
import path from 'node:path';
import { loadServerKey } from './keyFile.js';
import { Keyring } from './identity.js';
import { createLogger, type Logger } from './logger.js';
import { RoomRegistry } from './rooms/RoomRegistry.js';
import type { BoardStore } from './storage/BoardStore.js';
import { openSqliteStore } from './storage/sqlite.js';
import { attachSocketIo } from './transport/socketio.js';
import { attachYjs } from './transport/yjs.js';
import { createHttpApp } from './http.js';

export interface AppDeps {
  config: Pick<Config, 'dbFile' | 'clientDist' | 'idleUnloadMs' | 'logLevel'> &
    Partial<Pick<Config, 'claimAfterMs' | 'sqliteSynchronous' | 'keyFile' | 'envKey'>>;
  store?: BoardStore;
  logger?: Logger;
  now?: () => number;
}

export interface App {
  server: http.Server;
  store: BoardStore;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** The single composition root: everything Candor runs is wired here, and tests call it on port 0. */
export async function createApp(deps: AppDeps): Promise<App> {
  const logger = deps.logger ?? createLogger(deps.config.logLevel);
  const store = deps.store ?? openSqliteStore(deps.config.dbFile, { synchronous: deps.config.sqliteSynchronous });
  const now = deps.now ?? Date.now;
  const keyFile = deps.config.keyFile ?? defaultKeyFile(path.dirname(deps.config.dbFile));
  const keyring = new Keyring(loadServerKey({ keyFile, envKey: deps.config.envKey }));
  // Random ids (nanoid), never time-ordered, so an id says nothing about when a card was written.
  const newId = () => nanoid();
  const registry = new RoomRegistry(
    store,
    {
      store,
      keyring,
      logger,
      now,
      newId,
      newSeed: () => randomBytes(16).toString('base64url'),
      claimAfterMs: deps.config.claimAfterMs ?? LIMITS.facilitatorClaimAfterMs,
    },
    deps.config.idleUnloadMs,
  );
  const httpApp = createHttpApp({
    store,
    registry,
    keyring,
    logger,
    now,
    newBoardId: () => nanoid(16),
    // a team link is the team's only key: longer than a board id
    newTeamId: () => nanoid(24),
    clientDist: deps.config.clientDist,
  });
  const server = http.createServer(httpApp);
  const io = attachSocketIo(server, registry, logger, now);
  const yjs = attachYjs(server, registry, logger);

  return {
    server,
    store,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    async close() {
      yjs.close();
      await io.close();
      registry.close();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
