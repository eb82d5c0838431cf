import { WebSocketServer } from 'ws';
import { now } from './lib/clock.js';

/**
 * The floor: a bare `ws` server that, when told over IPC, sends every connected client the same number of
 * bytes as one message (one buffer, shared by all sends). Nothing Candor does can take less than this.
 */
const port = Number(process.env.PORT);
const wss = new WebSocketServer({ host: '127.0.0.1', port, maxPayload: 1024 * 1024 });

process.on('message', (message: { reqId: number; op: string; bytes?: number }) => {
  if (message?.op !== 'fire') return;
  const payload = Buffer.alloc(message.bytes ?? 0, 0x61);
  const t0 = now();
  let sent = 0;
  for (const client of wss.clients) {
    if (client.readyState !== client.OPEN) continue;
    client.send(payload);
    sent++;
  }
  process.send!({ reqId: message.reqId, t0, sent });
});

wss.on('listening', () => process.send!({ ready: true }));
process.once('SIGTERM', () => {
  for (const client of wss.clients) client.terminate();
  wss.close(() => process.exit(0));
});
