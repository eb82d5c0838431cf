import type { Ack } from '@candor/shared';

/**
 * TM-16, RE-13: posts what the team page asks of one retro ("Close it now", "Mark done") and reads the room's ack. A
 * request that got no answer is sent again, the same, up to `tries` times in all (only what the server answers as
 * the first try when it comes again: a command id); then INTERNAL.
 */
export async function postForAck(url: string, body: unknown, tries = 1): Promise<Ack> {
  for (let tried = 1; ; tried++) {
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return (await response.json()) as Ack;
    } catch {
      if (tried >= tries) return { ok: false, code: 'INTERNAL', message: '' };
    }
  }
}
