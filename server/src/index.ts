import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.js';
import { socketsPerAddress } from './transport/connectionGuards.js';
import { HeldPort } from './transport/heldPort.js';

/** CG-1: a bad setting stops the server with one line naming it, not a stack */
const config = (() => {
  try {
    const loaded = loadConfig();
    // a CLIENT_DIST with no build in it started a server that answered every page "the client is not built"
    if (loaded.clientDist && !fs.existsSync(path.join(loaded.clientDist, 'index.html'))) {
      throw new ConfigError(`CLIENT_DIST is ${JSON.stringify(process.env.CLIENT_DIST)}: holds no built client (no index.html)`);
    }
    return loaded;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`Candor cannot start: ${err.message}\n`);
    process.exit(1);
  }
})();
// DU-6: the port first; whoever connects while the rest loads waits instead of being refused
// (bounded as the running server bounds one peer's sockets, AB-3; behind a proxy every peer is the proxy)
const perAddress = socketsPerAddress(config.trustProxy, config.connectionsPerAddress);
const held = await HeldPort.take(config.port, config.host, { perAddress }).catch((err: NodeJS.ErrnoException) => {
  // taken before the data is opened, the port is what a second server on the same settings meets first
  if (err.code === 'EADDRINUSE') {
    process.stderr.write(`Candor cannot start: port ${config.port} on ${config.host} is in use (another Candor server?); stop it first.\n`);
    process.exit(1);
  }
  // CG-1: a HOST that is no address of this machine (EADDRNOTAVAIL), a name that does not resolve (ENOTFOUND), a port
  // this user may not take (EACCES): one line naming the settings, not a stack
  if (!err.code) throw err;
  process.stderr.write(`Candor cannot start: cannot listen on HOST ${JSON.stringify(config.host)}, PORT ${config.port}: ${err.code} (${err.message})\n`);
  process.exit(1);
});
// loaded only now (the bundle evaluates a module imported this way when it is imported)
const [{ createLogger }, { createApp }, { DataFileError }, { checkDataDir }] = await Promise.all([
  import('./logger.js'),
  import('./app.js'),
  import('./storage/sqlite.js'),
  import('./storage/dataDir.js'),
]);
const logger = createLogger(config.logLevel);
const here = path.dirname(fileURLToPath(import.meta.url));
const clientDist = config.clientDist ?? path.resolve(here, '../../client/dist');
/** A data directory or file that cannot be used is the operator's to fix: one clear line, no stack. */
const cannotStart = (err: unknown): never => {
  if (!(err instanceof DataFileError)) throw err;
  held.release();
  process.stderr.write(`Candor cannot start: ${err.message}\n`);
  process.exit(1);
};
try {
  // on PostgreSQL (PG-1) nothing is stored in DATA_DIR; the key file beside it is checked when it is loaded
  if (!config.databaseUrl) checkDataDir(config.dataDir, config.dbFile);
} catch (err) {
  cannotStart(err);
}
const app = await createApp({ config: { ...config, clientDist }, logger }).catch(cannotStart);
const port = await app.listenOn(held);
logger.info({ port, data: config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.dbFile }, `Candor is listening on http://localhost:${port}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    void app.close().then(() => process.exit(0));
  });
}
process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
