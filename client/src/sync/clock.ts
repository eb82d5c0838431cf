import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@candor/shared';

const SAMPLES = 3;

/**
 * Estimates serverNow − Date.now() so everyone's countdown ends together. Each sample assumes the server
 * read its clock halfway through the round trip; the fastest round trip is the most trustworthy.
 */
export async function measureClockOffset(socket: Socket<ServerToClientEvents, ClientToServerEvents>): Promise<number | null> {
  let best: { rtt: number; offset: number } | null = null;
  for (let i = 0; i < SAMPLES; i++) {
    const sample = await sampleOnce(socket);
    if (sample && (!best || sample.rtt < best.rtt)) best = sample;
  }
  return best?.offset ?? null;
}

function sampleOnce(socket: Socket<ServerToClientEvents, ClientToServerEvents>): Promise<{ rtt: number; offset: number } | null> {
  return new Promise((resolve) => {
    if (!socket.connected) return resolve(null);
    const t0 = Date.now();
    const timeout = setTimeout(() => resolve(null), 5000);
    socket.emit('time.sync', (result) => {
      clearTimeout(timeout);
      const t1 = Date.now();
      if (!result.ok) return resolve(null);
      resolve({ rtt: t1 - t0, offset: result.data.serverNow - (t0 + t1) / 2 });
    });
  });
}
