import { describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../domain/limits.js';
import { Command, CreateBoardRequest, CreateTeamRequest, describeIssues, HandshakeAuth, JoinCommand } from './messages.js';

const ID = 'cmd_0001-ab';
const CARD = 'card_0001';
const SECRET = 'S'.repeat(32);
const REF = 'board_0001:action_001';
const valid = {
  join: { id: ID, type: 'join', participantId: 'participant-1', secret: SECRET, name: 'Alice' },
  cardAdd: { id: ID, type: 'card.add', columnId: 'start', text: 'Ship smaller' },
} as const;

/** one well-formed example of every command */
const EXAMPLES = [
  valid.join,
  { ...valid.join, facilitatorKey: 'K'.repeat(64) },
  valid.cardAdd,
  { id: ID, type: 'card.edit', cardId: CARD, text: 'x' },
  { id: ID, type: 'card.delete', cardId: CARD },
  { id: ID, type: 'card.group', cardId: CARD, withCardId: 'card_0002' },
  { id: ID, type: 'card.ungroup', cardId: CARD },
  { id: ID, type: 'group.title', groupId: 'group_0001', title: '', previous: 'Old title' },
  { id: ID, type: 'phase.set', phase: 'closed' },
  { id: ID, type: 'settings.update', voteBudget: 20, perItemCap: 1 },
  { id: ID, type: 'vote.cast', itemId: CARD },
  { id: ID, type: 'vote.retract', itemId: CARD },
  { id: ID, type: 'discuss.select', itemId: CARD },
  { id: ID, type: 'timer.start', durationSec: 10 },
  { id: ID, type: 'timer.stop' },
  { id: ID, type: 'action.create', itemId: CARD, text: 'Do it' },
  { id: ID, type: 'action.volunteer', actionId: 'action_001', volunteer: false },
  { id: ID, type: 'action.due', actionId: 'action_001', dueDate: '2030-12-31' },
  { id: ID, type: 'action.due', actionId: 'action_001', dueDate: null },
  { id: ID, type: 'action.delete', actionId: 'action_001' },
  { id: ID, type: 'phase.set', phase: 'review' },
  { id: ID, type: 'review.mark', ref: REF, status: 'done' },
  { id: ID, type: 'review.mark', ref: REF, status: 'not-done', reason: 'the pipeline was down', carry: true },
  { id: ID, type: 'review.mark', ref: REF, status: 'dropped', reason: null, carry: false },
  { id: ID, type: 'pulse.answer', value: 1 },
  { id: ID, type: 'consensus.start', actionId: 'action_001' },
  { id: ID, type: 'consensus.answer', actionId: 'action_001', value: 0 },
  { id: ID, type: 'consensus.reveal', actionId: 'action_001' },
  { id: ID, type: 'facilitator.handover', toHandle: 'handle_0001' },
  { id: ID, type: 'facilitator.claim' },
  { id: ID, type: 'columns.set', columns: [{ id: 'start', title: 'Start', prompt: '' }, { title: 'New one', prompt: 'Why?' }] },
  { id: ID, type: 'action.create', itemId: CARD, text: 'A staging cluster', askOf: 'Platform team' },
  { id: ID, type: 'action.ask', actionId: 'action_001', askOf: 'Platform team' },
  { id: ID, type: 'action.ask', actionId: 'action_001', askOf: null },
  { id: ID, type: 'offer.add', itemId: CARD, text: 'I can pair on it' },
  { id: ID, type: 'offer.withdraw', offerId: 'offer_0001' },
  { id: ID, type: 'offer.accept', offerId: 'offer_0001' },
  { id: ID, type: 'lens.set', on: false },
  { id: ID, type: 'lens.tap', itemId: CARD, part: 'self-interest', on: true },
  { id: ID, type: 'grouping.restrict', facilitatorOnly: true },
  { id: ID, type: 'discuss.order', itemIds: [CARD, 'group_0001'] },
  { id: ID, type: 'discuss.next' },
  { id: ID, type: 'discuss.reopen', itemId: CARD },
  { id: ID, type: 'timer.pause' },
  { id: ID, type: 'timer.resume' },
  { id: ID, type: 'timer.extend' },
  { id: ID, type: 'action.done', actionId: 'action_001', done: true },
  { id: ID, type: 'hand.raise', raised: false },
  { id: ID, type: 'reaction.toggle', itemId: CARD, reaction: 'celebrate', on: true },
  { id: ID, type: 'reactions.enable', enabled: true },
  { id: ID, type: 'facilitator.reclaim' },
  { id: ID, type: 'board.delete' },
  { id: ID, type: 'summary.email', to: ['team@example.com', 'lead@example.org'] },
  { id: ID, type: 'checkin.set', question: { prompt: 'oneWord' } },
  { id: ID, type: 'checkin.set', question: { text: 'One emoji for your week?' } },
  { id: ID, type: 'checkin.set', question: null },
  { id: ID, type: 'walk.focus', columnId: 'start' },
  { id: ID, type: 'walk.focus', columnId: null },
  { id: ID, type: 'walk.spotlight', itemId: 'card-0000001' },
  { id: ID, type: 'walk.spotlight', itemId: null },
];

const rejects = (input: unknown) => expect(Command.safeParse(input).success, JSON.stringify(input)?.slice(0, 120)).toBe(false);
const accepts = (input: unknown) => {
  const result = Command.safeParse(input);
  expect(result.success, result.success ? '' : describeIssues(result.error)).toBe(true);
  return result.data!;
};

describe('command schemas', () => {
  it('IN-1 accepts one well-formed example of every command', () => {
    for (const example of EXAMPLES) accepts(example);
  });

  it(`OF-6 rejects an offer over ${LIMITS.offerText} characters, blank, with control characters, or with a name of its own`, () => {
    rejects({ id: ID, type: 'offer.add', itemId: CARD, text: 'x'.repeat(LIMITS.offerText + 1) });
    rejects({ id: ID, type: 'offer.add', itemId: CARD, text: '   ' });
    rejects({ id: ID, type: 'offer.add', itemId: CARD, text: 'I can\u0007 help' });
    rejects({ id: ID, type: 'offer.add', itemId: CARD, text: 'I can help', participantId: 'participant-1' });
    expect(accepts({ id: ID, type: 'offer.add', itemId: CARD, text: '  I can help  ' })).toMatchObject({ text: 'I can help' });
  });
  it(`AK-5 rejects an ask of more than ${LIMITS.askOf} characters, a blank one, or one that is not text`, () => {
    rejects({ id: ID, type: 'action.ask', actionId: 'action_001', askOf: 'x'.repeat(LIMITS.askOf + 1) });
    rejects({ id: ID, type: 'action.ask', actionId: 'action_001', askOf: ' ' });
    rejects({ id: ID, type: 'action.ask', actionId: 'action_001' });
    rejects({ id: ID, type: 'action.create', itemId: CARD, text: 'x', askOf: 42 });
  });
  it(`CI-3 a check-in question is a built-in one or the facilitator's own line of at most ${LIMITS.checkInText} characters`, () => {
    rejects({ id: ID, type: 'checkin.set', question: { text: 'x'.repeat(LIMITS.checkInText + 1) } });
    rejects({ id: ID, type: 'checkin.set', question: { text: '   ' } });
    rejects({ id: ID, type: 'checkin.set', question: { text: 'How are you?\nReally?' } });
    rejects({ id: ID, type: 'checkin.set', question: { text: 'How are you\u202E?' } });
    rejects({ id: ID, type: 'checkin.set', question: { prompt: 'noSuchPrompt' } });
    rejects({ id: ID, type: 'checkin.set', question: { prompt: 'weather', text: 'and this' } });
    rejects({ id: ID, type: 'checkin.set' });
    expect(accepts({ id: ID, type: 'checkin.set', question: { text: `  ${'x'.repeat(LIMITS.checkInText)}  ` } })).toMatchObject({ question: { text: 'x'.repeat(LIMITS.checkInText) } });
  });
  it('TL-8 rejects a trust part that is not one of the four, and a tap without on/off', () => {
    rejects({ id: ID, type: 'lens.tap', itemId: CARD, part: 'trust', on: true });
    rejects({ id: ID, type: 'lens.tap', itemId: CARD, part: 'empathy' });
    rejects({ id: ID, type: 'lens.tap', itemId: CARD, part: 'empathy', on: true, trustTag: 'someone-else' });
    rejects({ id: ID, type: 'lens.set', on: 'yes' });
  });
  it('IN-1 rejects an unknown command type', () => rejects({ id: ID, type: 'board.destroy' }));
  it('IN-1 rejects a command without a type', () => rejects({ id: ID, columnId: 'start', text: 'x' }));
  it('IN-1 rejects something that is not an object', () => {
    for (const input of [null, undefined, 'card.add', 42, [valid.cardAdd]]) rejects(input);
  });
  it('IN-1 rejects an extra key on card.add (no smuggled authorTag)', () => rejects({ ...valid.cardAdd, authorTag: 'someone-else' }));
  it('IN-1 rejects an extra key on join (no self-made facilitator flag)', () => rejects({ ...valid.join, isFacilitator: true }));
  it('IN-1 rejects an extra key on vote.cast (no vote weight)', () => rejects({ id: ID, type: 'vote.cast', itemId: CARD, count: 10 }));
  it('IN-1 rejects a missing field', () => rejects({ id: ID, type: 'card.edit', cardId: CARD }));

  it('IN-12 rejects a command without its command id', () => rejects({ type: 'timer.stop' }));

  it('IN-2 rejects ids shorter than 8, longer than 64, or not url-safe', () => {
    for (const bad of ['abc', 'a'.repeat(65), 'card 0001', 'card/../x', 'card.0001', 'cärd00001', '', 12345678]) {
      rejects({ id: ID, type: 'card.delete', cardId: bad });
    }
    accepts({ id: ID, type: 'card.delete', cardId: 'a'.repeat(64) });
    accepts({ id: ID, type: 'card.delete', cardId: 'A-b_0123' });
  });

  it('IN-3 rejects secrets shorter than 32 or longer than 128 characters', () => {
    rejects({ ...valid.join, secret: 'S'.repeat(31) });
    rejects({ ...valid.join, secret: 'S'.repeat(129) });
    rejects({ ...valid.join, facilitatorKey: 'short' });
    accepts({ ...valid.join, secret: 'S'.repeat(128) });
  });

  it(`IN-4 rejects a display name longer than ${LIMITS.displayName} or blank`, () => {
    rejects({ ...valid.join, name: 'N'.repeat(LIMITS.displayName + 1) });
    rejects({ ...valid.join, name: '   ' });
    expect(JoinCommand.parse({ ...valid.join, name: '  Alice  ' }).name).toBe('Alice');
  });

  it(`IN-5 rejects card text over ${LIMITS.cardText} characters and a megabyte string`, () => {
    rejects({ ...valid.cardAdd, text: 'x'.repeat(LIMITS.cardText + 1) });
    rejects({ ...valid.cardAdd, text: 'x'.repeat(1_000_000) });
    accepts({ ...valid.cardAdd, text: 'x'.repeat(LIMITS.cardText) });
  });

  it('IN-5 trims card text before measuring it and refuses text that is only whitespace', () => {
    const parsed = accepts({ ...valid.cardAdd, text: `  ${'x'.repeat(LIMITS.cardText)}  \n` });
    expect(parsed.type === 'card.add' && parsed.text).toBe('x'.repeat(LIMITS.cardText));
    rejects({ ...valid.cardAdd, text: ' \n\t ' });
    rejects({ ...valid.cardAdd, text: '' });
  });

  it('IN-5 rejects control characters in text but keeps newlines and tabs', () => {
    for (const ch of ['\u0000', '\u0007', '\u001b[31m', '\u000b', '\u007f']) rejects({ ...valid.cardAdd, text: `a${ch}b` });
    rejects({ id: ID, type: 'action.create', itemId: CARD, text: 'do\u0000it' });
    const parsed = accepts({ ...valid.cardAdd, text: 'line one\nline\ttwo' });
    expect(parsed.type === 'card.add' && parsed.text).toBe('line one\nline\ttwo');
  });

  it('IN-5 rejects text of the wrong type', () => {
    rejects({ ...valid.cardAdd, text: 42 });
    rejects({ ...valid.cardAdd, text: ['x'] });
    rejects({ ...valid.cardAdd, text: null });
  });

  it('IN-6 rejects a column id that is not lowercase, dashed and at most 40 characters', () => {
    for (const bad of ['Start', 'start now', '', 'a'.repeat(41), 'start_1']) rejects({ ...valid.cardAdd, columnId: bad });
  });

  it(`IN-7 rejects a group title over ${LIMITS.groupTitle} characters or with control characters, allows an empty one`, () => {
    const title = (t: unknown) => ({ id: ID, type: 'group.title', groupId: 'group_0001', title: t, previous: '' });
    rejects(title('t'.repeat(LIMITS.groupTitle + 1)));
    rejects(title('bad\u0000title'));
    accepts(title('   '));
  });

  it('IN-8 rejects vote settings that are not integers from 1 to 20', () => {
    for (const bad of [0, 21, 2.5, '3', -1, null]) {
      rejects({ id: ID, type: 'settings.update', voteBudget: bad, perItemCap: 1 });
      rejects({ id: ID, type: 'settings.update', voteBudget: 3, perItemCap: bad });
    }
  });

  it('IN-9 rejects a timer shorter than 10 s, longer than an hour, or fractional', () => {
    for (const bad of [9, 3601, 60.5, '60']) rejects({ id: ID, type: 'timer.start', durationSec: bad });
    accepts({ id: ID, type: 'timer.start', durationSec: 3600 });
  });

  it('IN-10 rejects a due date that is not an ISO calendar date', () => {
    for (const bad of ['2030/01/01', '2030-13-01', '01-02-2030', '2030-01-01T00:00:00Z', 'tomorrow', 0]) {
      rejects({ id: ID, type: 'action.due', actionId: 'action_001', dueDate: bad });
    }
  });

  it('IN-11 rejects a phase that does not exist', () => {
    for (const bad of ['done', 'Write', '', 3]) rejects({ id: ID, type: 'phase.set', phase: bad });
  });

  it('IN-1 rejects a volunteer flag that is not a boolean', () => {
    rejects({ id: ID, type: 'action.volunteer', actionId: 'action_001', volunteer: 'yes' });
    rejects({ id: ID, type: 'action.volunteer', actionId: 'action_001' });
  });

  it(`IN-4 rejects a board name over ${LIMITS.boardName} characters and extra keys when creating a board`, () => {
    expect(CreateBoardRequest.safeParse({ name: 'Retro', templateId: 'start-stop-continue' }).success).toBe(true);
    expect(CreateBoardRequest.safeParse({ name: 'n'.repeat(LIMITS.boardName + 1), templateId: 'start-stop-continue' }).success).toBe(false);
    expect(CreateBoardRequest.safeParse({ name: 'Retro', templateId: 'start-stop-continue', facilitatorKey: SECRET }).success).toBe(false);
  });

  it(`IN-4 a team name is 1–${LIMITS.boardName} characters and team creation takes no extra key`, () => {
    expect(CreateTeamRequest.safeParse({ name: 'Platform' }).success).toBe(true);
    expect(CreateTeamRequest.safeParse({ name: '  ' }).success).toBe(false);
    expect(CreateTeamRequest.safeParse({ name: 'n'.repeat(LIMITS.boardName + 1) }).success).toBe(false);
    expect(CreateTeamRequest.safeParse({ name: 'Platform', teamId: 'team_0001' }).success).toBe(false);
  });

  it('IN-29 names and titles are one line: a line break of any kind is refused, card text keeps its newlines', () => {
    for (const br of ['\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085']) {
      const bad = `first${br}# second`;
      rejects({ ...valid.join, name: bad });
      rejects({ id: ID, type: 'group.title', groupId: 'group_0001', title: bad });
      rejects({ id: ID, type: 'columns.set', columns: [{ title: bad, prompt: '' }] });
      rejects({ id: ID, type: 'columns.set', columns: [{ title: 'x', prompt: bad }] });
      rejects({ id: ID, type: 'review.mark', ref: REF, status: 'not-done', reason: bad });
      rejects({ id: ID, type: 'board.rename', name: bad });
      rejects({ id: ID, type: 'action.ask', actionId: 'action_001', askOf: bad });
      rejects({ id: ID, type: 'action.create', itemId: CARD, text: 'A staging cluster', askOf: bad });
      expect(CreateBoardRequest.safeParse({ name: bad, templateId: 'start-stop-continue' }).success).toBe(false);
      expect(CreateTeamRequest.safeParse({ name: bad }).success).toBe(false);
    }
    const result = Command.safeParse({ ...valid.join, name: 'Ada\nLovelace' });
    expect(!result.success && describeIssues(result.error)).toBe('name: must be one line (no line breaks)');
    expect(JoinCommand.parse({ ...valid.join, name: 'Ada Lovelace\n' }).name).toBe('Ada Lovelace');
    accepts({ ...valid.cardAdd, text: 'first\nsecond' });
    accepts({ id: ID, type: 'action.create', itemId: CARD, text: 'first\nsecond', askOf: 'Platform team' });
  });

  it(`IN-31 a group title names the title it replaces; a discussion order lists at most ${LIMITS.discussOrderMax} items; a reaction is a known one; a summary goes to 1–${LIMITS.emailRecipients} addresses`, () => {
    rejects({ id: ID, type: 'group.title', groupId: 'group_0001', title: 'New' });
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `item_${String(i).padStart(4, '0')}`);
    expect(accepts({ id: ID, type: 'discuss.order', itemIds: ids(LIMITS.discussOrderMax) })).toBeTruthy();
    rejects({ id: ID, type: 'discuss.order', itemIds: ids(LIMITS.discussOrderMax + 1) });
    rejects({ id: ID, type: 'reaction.toggle', itemId: CARD, reaction: 'thumbs-down-skull', on: true });
    rejects({ id: ID, type: 'summary.email', to: [] });
    rejects({ id: ID, type: 'summary.email', to: ids(LIMITS.emailRecipients + 1).map((x) => `${x}@example.com`) });
    rejects({ id: ID, type: 'summary.email', to: [`${'a'.repeat(LIMITS.emailAddress)}@example.com`] });
    rejects({ id: ID, type: 'summary.email', to: ['not an address'] });
  });
  it('IN-2 checks the board id in the handshake', () => {
    expect(HandshakeAuth.safeParse({ boardId: 'board_0001', protocolVersion: 1 }).success).toBe(true);
    expect(HandshakeAuth.safeParse({ boardId: '../../etc', protocolVersion: 1 }).success).toBe(false);
    expect(HandshakeAuth.safeParse({ boardId: 'board_0001' }).success).toBe(false);
  });

  it('IN-1 describes what is wrong in one readable sentence', () => {
    const result = Command.safeParse({ ...valid.cardAdd, text: 'x'.repeat(LIMITS.cardText + 1) });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error)).toBe(`text: must be at most ${LIMITS.cardText} characters`);
  });

  it('IN-24 a pulse answer is a whole number from 1 to 5', () => {
    for (const bad of [0, 6, 2.5, '3', null, -1]) rejects({ id: ID, type: 'pulse.answer', value: bad });
    rejects({ id: ID, type: 'pulse.answer' });
    for (const good of [1, 3, 5]) accepts({ id: ID, type: 'pulse.answer', value: good });
  });

  it('IN-25 a consensus answer is a whole number from 0 to 5', () => {
    for (const bad of [-1, 6, 4.5, '0', null]) rejects({ id: ID, type: 'consensus.answer', actionId: 'action_001', value: bad });
    for (const good of [0, 5]) accepts({ id: ID, type: 'consensus.answer', actionId: 'action_001', value: good });
  });

  it('IN-26 a review reference is <board id>:<action id>, with a known status and a one-line reason', () => {
    const mark = (extra: Record<string, unknown>) => ({ id: ID, type: 'review.mark', ref: REF, status: 'not-done', ...extra });
    for (const ref of ['board_0001', 'board_0001:', ':action_001', 'board_0001:action_001:x', 'board 0001:action_001', 'short:action_001', '']) rejects(mark({ ref }));
    for (const status of ['open', 'DONE', 'notdone', null]) rejects(mark({ status }));
    rejects(mark({ reason: 'r'.repeat(LIMITS.reviewReason + 1) }));
    rejects(mark({ reason: 'bad\u0000reason' }));
    rejects(mark({ reason: '   ' }));
    rejects(mark({ carry: 'yes' }));
    accepts(mark({ reason: 'r'.repeat(LIMITS.reviewReason) }));
  });

  it('IN-27 columns.set has 1 to 8 columns, titles of at most 60 characters, prompts of at most 200', () => {
    const column = (i: number) => ({ title: `Column ${i}`, prompt: '' });
    const set = (columns: unknown) => ({ id: ID, type: 'columns.set', columns });
    rejects(set([]));
    rejects(set(Array.from({ length: LIMITS.columns + 1 }, (_, i) => column(i))));
    accepts(set(Array.from({ length: LIMITS.columns }, (_, i) => column(i))));
    rejects(set([{ title: 't'.repeat(LIMITS.columnTitle + 1), prompt: '' }]));
    accepts(set([{ title: 't'.repeat(LIMITS.columnTitle), prompt: 'p'.repeat(LIMITS.columnPrompt) }]));
    rejects(set([{ title: '  ', prompt: '' }]));
    rejects(set([{ title: 'x', prompt: 'p'.repeat(LIMITS.columnPrompt + 1) }]));
    rejects(set([{ title: 'bad\u0007title', prompt: '' }]));
    rejects(set([{ title: 'x' }]));
    rejects(set([{ id: 'Not A Column', title: 'x', prompt: '' }]));
    rejects(set('start,stop'));
  });

  it('IN-1 rejects extra keys on the new commands', () => {
    rejects({ id: ID, type: 'pulse.answer', value: 3, pulseTag: 'someone-else' });
    rejects({ id: ID, type: 'consensus.answer', actionId: 'action_001', value: 3, consensusTag: 'x' });
    rejects({ id: ID, type: 'consensus.start', actionId: 'action_001', open: false });
    rejects({ id: ID, type: 'review.mark', ref: REF, status: 'done', owner: 'Alice' });
    rejects({ id: ID, type: 'facilitator.claim', participantId: 'participant-1' });
    rejects({ id: ID, type: 'facilitator.handover', toHandle: 'handle_0001', force: true });
    rejects({ id: ID, type: 'columns.set', columns: [{ title: 'x', prompt: '', cards: [] }] });
    rejects({ id: ID, type: 'columns.set', columns: [{ title: 'x', prompt: '' }], templateId: '4ls' });
  });

  it('IN-2 a handover names a handle with the id rules', () => {
    for (const bad of ['abc', 'handle 0001', '', 'h'.repeat(65)]) rejects({ id: ID, type: 'facilitator.handover', toHandle: bad });
  });
});

describe('IN-32: validation runs no code made at run time', () => {
  it('IN-32 the first parse of every command and request makes no function from text', async () => {
    // a module evaluated afresh: its schemas are new, so each parse below is that schema's first
    vi.resetModules();
    const made: string[] = [];
    const RealFunction = globalThis.Function;
    globalThis.Function = new Proxy(RealFunction, {
      construct(target, args: unknown[]) {
        made.push(String(args.at(-1)).slice(0, 80));
        return Reflect.construct(target, args) as object;
      },
    });
    try {
      const fresh = await import('./messages.js');
      for (const example of EXAMPLES) expect(fresh.Command.safeParse(example).success).toBe(true);
      expect(fresh.Command.safeParse({ ...valid.cardAdd, extra: 1 }).success).toBe(false);
      expect(fresh.CreateBoardRequest.safeParse({ name: 'Sprint 1', templateId: 'start-stop-continue' }).success).toBe(true);
      expect(fresh.HandshakeAuth.safeParse({ boardId: 'board_0001', protocolVersion: 1 }).success).toBe(true);
      expect(fresh.DocTicketRequest.safeParse({ doc: 'board' }).success).toBe(true);
      expect(fresh.CardMovingSignal.safeParse({ cardId: CARD, moving: true }).success).toBe(true);
    } finally {
      globalThis.Function = RealFunction;
    }
    expect(made).toEqual([]);
  });
});
