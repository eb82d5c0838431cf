import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    // Secrets travel in handshakes and query strings; never let them reach a log line.
    redact: ['secret', 'facilitatorKey', 'ticket', '*.secret', '*.facilitatorKey', '*.ticket', 'req.url'],
  });
}
