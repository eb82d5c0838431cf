import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { nanoid } from 'nanoid';
import { LIMITS, YJS_PATH } from '@candor/shared';
import { type Config, defaultKeyFile } from './config.js';
import path from 'node:path';
import { loadServerKey } from './keyFile.js';
import { watchStorage } from './storage/storageHealth.js';
import { Keyring } from './identity.js';
import { createLogger, type Logger } from './logger.js';
import { RoomRegistry } from './rooms/RoomRegistry.js';
import { OwnerWords } from './teams/ownerWords.js';
import type { BoardStore } from './storage/BoardStore.js';
import { DataFileError, openSqliteStore } from './storage/sqlite.js';
import { openCluster } from './cluster/Cluster.js';
import { openPostgresStore } from './storage/postgres.js';
import { claimInstallation } from './storage/postgresInstallation.js';
import { anonymousStateKey } from './storage/sealedState.js';
import { attachSocketIo, upgradeSocketIo } from './transport/socketio.js';
import { HEARTBEAT, nameHeldSeconds } from './transport/heartbeat.js';
import { attachYjs } from './transport/yjs.js';
import { SharedEncodings } from './transport/docEncodings.js';
import { createHttpApp } from './http.js';
import { createMailer } from './mailer.js';

import { ABUSE_LIMITS } from './abuseLimits.js';
import { sampleWarnings } from './logSampler.js';
import { clientAddressOf } from './transport/clientAddress.js';
import { ConnectionCounts, guardConnections, socketsPerAddress } from './transport/connectionGuards.js';
import { routeUpgrades } from './transport/upgrades.js';
import { AddressBuckets } from './transport/addressBuckets.js';
import { HeldPerAddress } from './transport/heldPerAddress.js';
import { countingResponses } from './transport/heldResponses.js';
import { ReadPacing } from './transport/readPacing.js';
import type { HeldPort } from './transport/heldPort.js';

/**
 * ME-8: the length of the ids a room makes (cards, groups, handles, knocks…): 96 random bits, unguessable and
 * unique on any board. nanoid's default 21 characters cost 8 bytes more per id on the heap (a V8 string of up to
 * 16 one-byte characters is 32 bytes, of 21 is 40), and a board holds one per card.
 */
const ROOM_ID_CHARS = 16;

export { createLogger, type Logger } from './logger.js';
export { openPostgresStore } from './storage/postgres.js';
export { anonymousStateKey, openState } from './storage/sealedState.js';
export { loadServerKey } from './keyFile.js';
export { HeldPort } from './transport/heldPort.js';

export interface AppDeps {
  config: Pick<Config, 'dbFile' | 'clientDist' | 'idleUnloadMs' | 'logLevel'> &
    Partial<
      Pick<
        Config,
        'databaseUrl' | 'redisUrl' | 'writerLeaseMs' | 'claimAfterMs' | 'sqliteSynchronous' | 'keyFile' | 'envKey' | 'trustProxy' | 'connectionsPerAddress' | 'joinBurstPerAddress' | 'readBytesPerSecondPerAddress' | 'commandsPerSecondPerAddress' | 'requestsPerSecondPerAddress' | 'smtpUrl' | 'smtpFrom' | 'sendBufferBytes' | 'sendBufferBytesPerAddress' | 'pingIntervalMs' | 'pingTimeoutMs'
      >
    > & {
      /** AB-5 / AB-6, shortened in tests */
      participantsPerBoard?: number;
      idleJoinerExpiryMs?: number;
    };
  store?: BoardStore;
  logger?: Logger;
  now?: () => number;
}

export interface App {
  server: http.Server;
  /** the Socket.io server (tests read a connection's listeners, ME-10, and the rooms it is in, ME-12, ME-15) */
  io: { of(name: '/'): { sockets: Map<string, unknown>; adapter: { rooms: Map<string, Set<string>>; sids: Map<string, Set<string>> } } };
  store: BoardStore;
  listen(port: number, host?: string): Promise<number>;
  /** DU-6: serves on a port taken before the server loaded, with the connections that waited on it */
  listenOn(held: HeldPort): Promise<number>;
  close(): Promise<void>;
}

/** The single composition root: everything Candor runs is wired here, and tests call it on port 0. */
export async function createApp(deps: AppDeps): Promise<App> {
  const logger = deps.logger ?? createLogger(deps.config.logLevel);
  const warnings = sampleWarnings(logger);
  const trustProxy = deps.config.trustProxy ?? false;
  const redisUrl = deps.config.redisUrl ?? null;
  if (redisUrl && !deps.config.databaseUrl) {
    throw new DataFileError('REDIS_URL is for several processes sharing one PostgreSQL: set DATABASE_URL too (SQLite serves one process).');
  }
  const keyFile = deps.config.keyFile ?? defaultKeyFile(path.dirname(deps.config.dbFile));
  const serverKey = loadServerKey({ keyFile, envKey: deps.config.envKey });
  const postgres = !deps.store && deps.config.databaseUrl ? await openPostgresStore(deps.config.databaseUrl, { stateKey: anonymousStateKey(serverKey) }) : null;
  // PG-7: one process per database without REDIS_URL, and none such beside processes with it
  const installation =
    postgres && deps.config.databaseUrl
      ? await claimInstallation(deps.config.databaseUrl, 'public', redisUrl ? 'with others' : 'alone', logger).catch(async (err: unknown) => {
          await postgres.close();
          throw err;
        })
      : null;
  const { store, health } = watchStorage(deps.store ?? postgres ?? openSqliteStore(deps.config.dbFile, { synchronous: deps.config.sqliteSynchronous }));
  const now = deps.now ?? Date.now;
  const keyring = new Keyring(serverKey);
  // CL-*: several processes on one PostgreSQL tell each other through Redis what changed
  const cluster =
    postgres && redisUrl
      ? await openCluster(redisUrl, postgres, logger, {
          leaseMs: deps.config.writerLeaseMs,
          ticketKey: createHmac('sha256', serverKey).update('doc-ticket').digest(),
          changesKey: createHmac('sha256', serverKey).update('cluster-changes').digest(),
        })
      : null;
  // Random ids (nanoid), never time-ordered, so an id says nothing about when a card was written.
  const newId = () => nanoid(ROOM_ID_CHARS);
  // RC-14: PING_INTERVAL_MS and PING_TIMEOUT_MS, for Socket.io and for what a refused join says of them (JN-9 SW-1)
  const heartbeat = { pingIntervalMs: deps.config.pingIntervalMs ?? HEARTBEAT.pingIntervalMs, pingTimeoutMs: deps.config.pingTimeoutMs ?? HEARTBEAT.pingTimeoutMs };
  const mailer = await createMailer(deps.config.smtpUrl, deps.config.smtpFrom ?? 'Candor <candor@localhost>');
  // RE-13 RE-1: an owner's word on a promise reaches the later retros that review it (the registry is given it back below)
  const ownerWords = new OwnerWords({ store, logger });
  const registry = new RoomRegistry(
    store,
    {
      store,
      keyring,
      logger,
      now,
      newId,
      newSeed: (boardId) => keyring.revealSeed(boardId),
      claimAfterMs: deps.config.claimAfterMs ?? LIMITS.facilitatorClaimAfterMs,
      nameHeldSeconds: nameHeldSeconds(heartbeat),
      mailer,
      joins: new AddressBuckets({
        burst: deps.config.joinBurstPerAddress ?? ABUSE_LIMITS.joinBurstPerAddress,
        perSecond: ABUSE_LIMITS.joinsPerSecondPerAddress,
        maxAddresses: ABUSE_LIMITS.addressesTracked,
        now,
      }),
      participantCap: deps.config.participantsPerBoard ?? LIMITS.participantsPerBoard,
      idleJoinerExpiryMs: deps.config.idleJoinerExpiryMs ?? ABUSE_LIMITS.idleJoinerExpiryMs,
      cluster,
      ownerWords,
    },
    deps.config.idleUnloadMs,
    cluster ? (boardId) => cluster.roomLoaded(boardId) : undefined,
  );
  cluster?.attach(registry);
  ownerWords.attach(registry);
  const httpApp = createHttpApp({
    store,
    health,
    registry,
    keyring,
    logger,
    now,
    newBoardId: () => nanoid(16),
    // a team link is the team's only key: longer than a board id
    newTeamId: () => nanoid(24),
    clientDist: deps.config.clientDist,
    features: { email: mailer !== null },
    trustProxy,
    requestsPerSecondPerAddress: deps.config.requestsPerSecondPerAddress ?? ABUSE_LIMITS.requestsPerSecondPerAddress,
  });
  const addressOf = (req: http.IncomingMessage) => clientAddressOf(httpApp, req);
  const connections = new ConnectionCounts(deps.config.connectionsPerAddress ?? ABUSE_LIMITS.connectionsPerAddress);
  // DO-7: one bound on what the server holds unsent for any connection
  const sendBufferBytes = deps.config.sendBufferBytes;
  // AB-11: and one on what the connections of an address hold unsent together: Socket.io, the documents and plain
  // HTTP responses (the board and its exports, asked for again and again and never read)
  const heldPerAddress = new HeldPerAddress(deps.config.sendBufferBytesPerAddress ?? ABUSE_LIMITS.sendBufferBytesPerAddress);
  const countedApp = countingResponses(httpApp, heldPerAddress, addressOf, (address, heldBytes) =>
    warnings.warn('send-buffer-full', { code: 'TOO_SLOW', address, scope: 'address', transport: 'http', heldBytes, capBytes: heldPerAddress.capBytes }, 'HTTP response refused: its address holds too much unsent (TOO_SLOW)'),
  );
  // AB-2: headers and whole requests must arrive in time; Node checks every `connectionsCheckingInterval`.
  const server = http.createServer(
    {
      headersTimeout: ABUSE_LIMITS.handshakeTimeoutMs,
      requestTimeout: ABUSE_LIMITS.requestTimeoutMs,
      connectionsCheckingInterval: ABUSE_LIMITS.timeoutCheckIntervalMs,
    },
    countedApp,
  );
  // each board-document update is framed and compressed once for every reader, whichever connection carries it
  const encoded = new SharedEncodings();
  // IN-33: what both transports' connections send is read at a pace per connection and per address
  const readPacing = new ReadPacing(deps.config.readBytesPerSecondPerAddress ?? ABUSE_LIMITS.readBytesPerSecondPerAddress, now);
  const io = attachSocketIo(server, registry, logger, now, {
    addressOf,
    connections,
    sendBufferBytes,
    heldPerAddress,
    readPacing,
    heartbeat,
    commandsPerSecondPerAddress: deps.config.commandsPerSecondPerAddress ?? ABUSE_LIMITS.commandsPerSecondPerAddress,
    movingElsewhere: cluster,
    boardDoc: { encoded, warnings },
  });
  // AB-1: engine.io registered an `upgrade` listener of its own; the router below is the only one, and
  // hands Socket.io its upgrades itself.
  server.removeAllListeners('upgrade');
  const yjs = attachYjs(registry, logger, warnings, { sendBufferBytes, heldPerAddress, encoded, addressOf, readPacing });
  routeUpgrades(server, {
    routes: [
      { prefix: `${YJS_PATH}/`, handle: yjs.handleUpgrade },
      { prefix: '/socket.io/', handle: (req, socket, head) => upgradeSocketIo(io, req, socket, head) },
    ],
    addressOf,
    connections,
    warnings,
  });
  guardConnections(server, { socketsPerAddress: socketsPerAddress(trustProxy, connections.maxPerAddress) });

  return {
    server,
    io,
    store,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    listenOn(held) {
      return held.handTo(server);
    },
    async close() {
      yjs.close();
      await io.close();
      await ownerWords.settled();
      await registry.close();
      await cluster?.close();
      warnings.flush();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      await installation?.release();
    },
  };
}
