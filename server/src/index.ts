import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createApp } from './app.js';
import { DataFileError } from './storage/sqlite.js';
import { checkDataDir } from './storage/dataDir.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const here = path.dirname(fileURLToPath(import.meta.url));
const clientDist = config.clientDist ?? path.resolve(here, '../../client/dist');
try {
  // on PostgreSQL (PG-1) nothing is stored in DATA_DIR; the key file beside it is checked when it is loaded
  if (!config.databaseUrl) checkDataDir(config.dataDir, config.dbFile);
} catch (err) {
  if (!(err instanceof DataFileError)) throw err;
  process.stderr.write(`Candor cannot start: ${err.message}\n`);
  process.exit(1);
}
const app = await createApp({ config: { ...config, clientDist }, logger }).catch((err: unknown) => {
  // A data directory or file that cannot be used is the operator's to fix: one clear line, no stack.
  if (!(err instanceof DataFileError)) throw err;
  process.stderr.write(`Candor cannot start: ${err.message}\n`);
  process.exit(1);
});
const port = await app.listen(config.port, config.host);
logger.info({ port, data: config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.dbFile }, `Candor is listening on http://localhost:${port}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    void app.close().then(() => process.exit(0));
  });
}
process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
