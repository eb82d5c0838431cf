import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** `destination` (default: stdout) lets a test read every line written. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    // Secrets travel in handshakes and query strings; never let them reach a log line.
    redact: ['secret', 'facilitatorKey', 'ticket', '*.secret', '*.facilitatorKey', '*.ticket', 'req.url'],
  };
  return destination ? pino(options, destination) : pino(options);
}
