import path from 'node:path';
import { z } from 'zod';
import { LIMITS } from '@candor/shared';
import { ABUSE_LIMITS } from './abuseLimits.js';
import { isTrustProxy, parseTrustProxy } from './transport/clientAddress.js';
import { HEARTBEAT } from './transport/heartbeat.js';

/** The longest a Node timer waits (2^31-1 ms, 24.8 days): a longer one fires at once, so no duration setting goes past it. */
const TIMER_MAX_MS = 2_147_483_647;

/** CG-1: what a URL setting its client cannot read is told (never the URL: it may hold a password) */
export const NOT_A_URL = 'is not a URL: a password holding #, / or ? must be percent-encoded (%23, %2F, %3F)';

/** Every setting Candor reads from the environment, parsed once, with defaults that run on a laptop. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLIENT_DIST: z.string().optional(),
  /** How long a board with nobody connected stays in memory before it is saved and unloaded. */
  IDLE_UNLOAD_MS: z.coerce.number().int().min(0).max(TIMER_MAX_MS).default(60_000),
  /** How long the facilitator must have been disconnected before anyone may claim the role. */
  FACILITATOR_CLAIM_AFTER_MS: z.coerce.number().int().min(0).max(TIMER_MAX_MS).default(60_000),
  /**
   * FULL (default): an acknowledged command is on disk even if the machine loses power. NORMAL: it survives
   * the process being killed (the writes are in the OS), not a power cut; faster writes.
   */
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  /** DO-7: bytes the server holds unsent for one connection before closing it (the client resyncs). */
  SEND_BUFFER_BYTES: z.coerce.number().int().min(64 * 1024).default(LIMITS.sendBufferBytes),
  /** AB-11: bytes the connections of one client address may hold unsent together before the next to go over is closed. */
  SEND_BUFFER_BYTES_PER_ADDRESS: z.coerce.number().int().min(64 * 1024).default(ABUSE_LIMITS.sendBufferBytesPerAddress),
  /**
   * RC-14: how often the server pings each Socket.io connection, and how long it waits for the answer before letting it
   * go: 1 s to 10 minutes each. Past a timer's reach engine.io pinged every millisecond, and a refused join (JN-9) was
   * told to wait that long; ten minutes already leaves a silent device holding its name for 20 minutes.
   */
  PING_INTERVAL_MS: z.coerce.number().int().min(1000).max(HEARTBEAT.mostMs).default(HEARTBEAT.pingIntervalMs),
  PING_TIMEOUT_MS: z.coerce.number().int().min(1000).max(HEARTBEAT.mostMs).default(HEARTBEAT.pingTimeoutMs),
  /** SU-2: where the summary email is sent through (smtp://… or smtps://…); unset hides the feature. */
  SMTP_URL: z.string().url().optional(),
  /** The sender of the summary email. */
  SMTP_FROM: z.string().default('Candor <candor@localhost>'),
  /**
   * AB-8: Express's `trust proxy`. Off by default: the peer's address is the client's. Behind a reverse proxy
   * set it (`1` for one proxy hop, or the proxy's addresses) so that per-address limits count clients, not
   * the proxy. Never set it without a proxy that overwrites X-Forwarded-For: clients could pick any address.
   */
  TRUST_PROXY: z
    .string()
    .refine(isTrustProxy, 'must be true, false, a number of proxy hops, or addresses and subnets separated by commas')
    .default('false'),
  /** AB-3: open WebSockets plus Socket.io connections one client address may hold. */
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(ABUSE_LIMITS.connectionsPerAddress),
  /** AB-4: new participants one client address may add at once (then one a second), across all boards. */
  MAX_JOINS_PER_ADDRESS: z.coerce.number().int().min(1).default(ABUSE_LIMITS.joinBurstPerAddress),
  /** AB-14: commands and requests a second one client address's Socket.io connections may send together (a burst of 3 s' worth). */
  MAX_COMMANDS_PER_ADDRESS: z.coerce.number().int().min(20).default(ABUSE_LIMITS.commandsPerSecondPerAddress),
  /** AB-15: HTTP requests a second one client address may make (a burst of 30 s' worth). */
  MAX_REQUESTS_PER_ADDRESS: z.coerce.number().int().min(10).default(ABUSE_LIMITS.requestsPerSecondPerAddress),
  /** IN-33: bytes a second one client address's connections (both transports) are read at past a burst of 4 seconds' worth. */
  MAX_READ_BYTES_PER_ADDRESS: z.coerce.number().int().min(65_536).default(ABUSE_LIMITS.readBytesPerSecondPerAddress),
  /** AR-7: where the server key lives; by default beside DATA_DIR, never inside it */
  KEY_FILE: z.string().optional(),
  /**
   * PG-1: postgres://user:password@host/db selects the PostgreSQL store instead of the SQLite file in
   * DATA_DIR (the key file still lives beside DATA_DIR).
   */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  /**
   * CL-*: redis://host:port turns on fan-out between several processes serving the same PostgreSQL
   * (DATABASE_URL is then required).
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://')
    // ioredis reads it with `new URL`, whose error (a password with a bare #, say) printed a stack with the whole URL in it
    .refine((url) => URL.canParse(url), `REDIS_URL ${NOT_A_URL}`)
    .optional(),
  /** CL-8: how long a board's writer lease lasts without renewal (a killed writer is replaced within about this) */
  WRITER_LEASE_MS: z.coerce.number().int().min(100).max(TIMER_MAX_MS).default(3_000),
  /** AR-7: the server key itself (64 hex digits or base64url), instead of a key file */
  CANDOR_KEY: z.string().optional(),
});

/** the names of every environment variable Candor reads (the README's configuration table lists each) */
export const ENV_VARIABLES = Object.keys(Env.shape) as (keyof typeof Env.shape)[];

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  dbFile: string;
  /** PG-1: set, the boards live in PostgreSQL; null, in the SQLite file `dbFile` */
  databaseUrl: string | null;
  /** CL-*: set, several processes on one PostgreSQL tell each other what changed through this Redis */
  redisUrl: string | null;
  writerLeaseMs: number;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  clientDist: string | null;
  idleUnloadMs: number;
  claimAfterMs: number;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  sendBufferBytes: number;
  sendBufferBytesPerAddress: number;
  pingIntervalMs: number;
  pingTimeoutMs: number;
  smtpUrl: string | null;
  smtpFrom: string;
  trustProxy: boolean | number | string;
  connectionsPerAddress: number;
  joinBurstPerAddress: number;
  readBytesPerSecondPerAddress: number;
  commandsPerSecondPerAddress: number;
  requestsPerSecondPerAddress: number;
  keyFile: string;
  envKey: string | undefined;
}

/** The default key file: next to the data directory, so that a copy of DATA_DIR alone does not carry it. */
export function defaultKeyFile(dataDir: string): string {
  return path.join(path.dirname(path.resolve(dataDir)), `${path.basename(path.resolve(dataDir))}.key`);
}

/** settings whose value may carry a password or a key, so a message about them never repeats it */
const HOLDS_SECRETS = new Set(['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'CANDOR_KEY']);

/** CG-1: a setting Candor cannot use; its message is one line naming each bad variable, what it holds and what it takes. */
export class ConfigError extends Error {}

/** What one bad setting takes, in words an operator reads (zod's own say "expected int, received number"). */
function whatItTakes(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' || issue.expected === 'int' ? 'must be a whole number' : issue.message;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'url' ? 'must be a URL' : issue.message;
    default:
      return issue.message;
  }
}

/**
 * The variables given a value: `PORT=` in an env file or a compose file says nothing, as a variable never set, so its
 * default holds (`z.coerce.number()` read '' as 0: a random port, or every board unloaded at once).
 */
function setOnly(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = Env.safeParse(setOnly(env));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const takes = whatItTakes(issue);
      // a regex's own message already names the variable (DATABASE_URL must start with…)
      const what = takes.startsWith(name) ? takes.slice(name.length).trim() : takes;
      // what a URL or key holds may be a password: named, never repeated
      return HOLDS_SECRETS.has(name) ? `${name} ${what}` : `${name} is ${JSON.stringify(env[name] ?? '')}: ${what}`;
    });
    throw new ConfigError(problems.join('; '));
  }
  const parsed = result.data;
  const dataDir = path.resolve(parsed.DATA_DIR);
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    dataDir,
    dbFile: path.join(dataDir, 'candor.sqlite'),
    databaseUrl: parsed.DATABASE_URL ?? null,
    redisUrl: parsed.REDIS_URL ?? null,
    writerLeaseMs: parsed.WRITER_LEASE_MS,
    logLevel: parsed.LOG_LEVEL,
    clientDist: parsed.CLIENT_DIST ?? null,
    idleUnloadMs: parsed.IDLE_UNLOAD_MS,
    claimAfterMs: parsed.FACILITATOR_CLAIM_AFTER_MS,
    sqliteSynchronous: parsed.SQLITE_SYNCHRONOUS,
    sendBufferBytes: parsed.SEND_BUFFER_BYTES,
    sendBufferBytesPerAddress: parsed.SEND_BUFFER_BYTES_PER_ADDRESS,
    pingIntervalMs: parsed.PING_INTERVAL_MS,
    pingTimeoutMs: parsed.PING_TIMEOUT_MS,
    smtpUrl: parsed.SMTP_URL ?? null,
    smtpFrom: parsed.SMTP_FROM,
    trustProxy: parseTrustProxy(parsed.TRUST_PROXY),
    connectionsPerAddress: parsed.MAX_CONNECTIONS_PER_ADDRESS,
    joinBurstPerAddress: parsed.MAX_JOINS_PER_ADDRESS,
    readBytesPerSecondPerAddress: parsed.MAX_READ_BYTES_PER_ADDRESS,
    commandsPerSecondPerAddress: parsed.MAX_COMMANDS_PER_ADDRESS,
    requestsPerSecondPerAddress: parsed.MAX_REQUESTS_PER_ADDRESS,
    keyFile: parsed.KEY_FILE ? path.resolve(parsed.KEY_FILE) : defaultKeyFile(dataDir),
    envKey: parsed.CANDOR_KEY,
  };
}
