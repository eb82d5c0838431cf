import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { i18n } from '../i18n/index.js';

/** the POST bodies sent, each answered in turn from `answers` */
function fakeServer(answers: { status: number; body: unknown }[]) {
  const bodies: Record<string, unknown>[] = [];
  const fetch = vi.fn(async (_url: string, init: { body: string }) => {
    bodies.push(JSON.parse(init.body) as Record<string, unknown>);
    const answer = answers.shift()!;
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return bodies;
}

describe('EX-12 the browser sends its time zone with a new board', () => {
  beforeAll(async () => {
    if (!i18n.isInitialized) await i18n.init({ lng: 'en', fallbackLng: 'en', resources: {} });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    vi.resetModules();
  });
  const inZone = (timeZone: string) =>
    vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockReturnValue({ ...new Intl.DateTimeFormat('en').resolvedOptions(), timeZone });
  const made = { boardId: 'b1', facilitatorKey: 'k', name: 'Retro' };

  it('EX-12 a new board carries the browser\'s zone; "Etc/Unknown" is not sent', async () => {
    const { createBoard } = await import('./requests.js');
    inZone('Pacific/Auckland');
    const bodies = fakeServer([{ status: 201, body: made }]);
    await createBoard({ templateId: 'start-stop-continue' });
    expect(bodies[0]).toMatchObject({ templateId: 'start-stop-continue', timeZone: 'Pacific/Auckland' });
    inZone('Etc/Unknown');
    const more = fakeServer([{ status: 201, body: made }]);
    await createBoard({ templateId: 'start-stop-continue' });
    expect(more[0]).not.toHaveProperty('timeZone');
  });

  it('EX-12 a zone the server does not know (BAD_TIME_ZONE) is left out and the board asked for again: it is made, and the zone is not sent again', async () => {
    const { createTeamBoard } = await import('./requests.js');
    const { browserTimeZone } = await import('./timeZone.js');
    inZone('America/Ciudad_Juarez');
    const bodies = fakeServer([
      { status: 400, body: { ok: false, code: 'BAD_TIME_ZONE', message: 'unknown' } },
      { status: 201, body: made },
    ]);
    expect(await createTeamBoard('team1', { templateId: 'start-stop-continue' })).toEqual(made);
    expect(bodies.map((b) => b.timeZone)).toEqual(['America/Ciudad_Juarez', undefined]);
    expect(browserTimeZone()).toBeUndefined();
  });

  it('EX-12 another refusal is not retried: it is said', async () => {
    const { createBoard } = await import('./requests.js');
    inZone('Pacific/Auckland');
    const bodies = fakeServer([{ status: 400, body: { ok: false, code: 'INVALID_INPUT', message: 'Unknown template.' } }]);
    await expect(createBoard({ templateId: 'nope' })).rejects.toThrow();
    expect(bodies).toHaveLength(1);
  });
});
