import { z } from 'zod';
import { CHECK_IN_PROMPTS } from '../domain/checkIn.js';
import { EXPORT_LANGUAGES } from '../domain/exportWords.js';
import { LIMITS } from '../domain/limits.js';
import { PHASES } from '../domain/phases.js';
import { REACTIONS } from '../domain/reactions.js';
import { TIME_ZONE_MAX_LENGTH } from '../domain/startSmall.js';
import { TRUST_PARTS } from '../domain/trustLens.js';

/**
 * IN-32: zod without its JIT. With it, each object schema's first parse makes a parsing function from text (`new
 * Function`): about half a millisecond of a command's turn, the first time a process meets each kind of command (a
 * reveal's `phase.set`, with 500 people waiting for it). Without it a parse is a few microseconds slower once warm,
 * and the server makes no code from text at run time. Set before any schema below is made: each reads it then.
 */
z.config({ jitless: true });

/** Ids are random url-safe strings; client-made ones (commands, participants, secrets) are bounded too. */
const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 url-safe characters');
const secret = z.string().regex(/^[A-Za-z0-9_-]{32,128}$/, 'must be 32–128 url-safe characters');

/** C0/C1 controls (newline and tab allowed) and bidi overrides, which can disguise what a text says. */
const noControlChars = (s: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(s);

/** Visible text: trimmed, non-empty, bounded, and free of control characters other than newlines and tabs. */
function text(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(noControlChars, 'must not contain control characters');
}

/** IN-29: names and titles are one line: no line break of any kind (they head exports and lists, EX-4). */
const oneLine = (s: string) => !/[\n\r\u0085\u2028\u2029]/.test(s);
const ONE_LINE = 'must be one line (no line breaks)';

/** A name or title: visible text (above) on one line. */
function line(max: number) {
  return text(max).refine(oneLine, ONE_LINE);
}

const base = { id };
/** JN-1: a board password is any 1–64 visible characters; only a keyed hash of it is kept. */
const boardPassword = z
  .string()
  .min(1, 'must not be empty')
  .max(LIMITS.boardPassword, `must be at most ${LIMITS.boardPassword} characters`)
  .refine(noControlChars, 'must not contain control characters');
const groupTitle = z.string().trim().max(LIMITS.groupTitle).refine(noControlChars, 'must not contain control characters').refine(oneLine, ONE_LINE);
const columnId = z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be a column id');

export const JoinCommand = z.strictObject({
  ...base,
  type: z.literal('join'),
  participantId: id,
  secret,
  name: line(LIMITS.displayName),
  facilitatorKey: secret.optional(),
  /** JN-1: the board password, when the facilitator has set one (never trimmed: it is compared as typed) */
  password: boardPassword.optional(),
});

export const Command = z.discriminatedUnion('type', [
  JoinCommand,
  z.strictObject({ ...base, type: z.literal('card.add'), columnId, text: text(LIMITS.cardText) }),
  z.strictObject({ ...base, type: z.literal('card.edit'), cardId: id, text: text(LIMITS.cardText) }),
  z.strictObject({ ...base, type: z.literal('card.delete'), cardId: id }),
  z.strictObject({ ...base, type: z.literal('card.group'), cardId: id, withCardId: id }),
  z.strictObject({ ...base, type: z.literal('card.ungroup'), cardId: id }),
  // GR-7: `previous` is the title the person started from; a stale one is refused, so no edit is lost silently.
  z.strictObject({ ...base, type: z.literal('group.title'), groupId: id, title: groupTitle, previous: groupTitle }),
  // PH-2: `from` is the phase the facilitator saw when they asked for the step; a step from a phase the room has left
  // is refused (CONFLICT), so a second press or a second device showing an older phase never takes another step.
  z.strictObject({
    ...base,
    type: z.literal('phase.set'),
    phase: z.enum(PHASES),
    from: z.enum(PHASES).optional(),
    /** EX-12: the facilitator's IANA time zone: the first step's day is the day it is there (`BAD_TIME_ZONE` if unknown) */
    timeZone: z.string().max(TIME_ZONE_MAX_LENGTH).optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('settings.update'),
    voteBudget: z.int().min(1).max(LIMITS.voteBudgetMax),
    perItemCap: z.int().min(1).max(LIMITS.voteBudgetMax),
  }),
  z.strictObject({ ...base, type: z.literal('vote.cast'), itemId: id }),
  z.strictObject({ ...base, type: z.literal('vote.retract'), itemId: id }),
  z.strictObject({ ...base, type: z.literal('discuss.select'), itemId: id }),
  z.strictObject({ ...base, type: z.literal('timer.start'), durationSec: z.int().min(LIMITS.timerMinSec).max(LIMITS.timerMaxSec) }),
  z.strictObject({ ...base, type: z.literal('timer.stop') }),
  z.strictObject({ ...base, type: z.literal('action.create'), itemId: id, text: text(LIMITS.cardText), askOf: line(LIMITS.askOf).optional() }),
  z.strictObject({ ...base, type: z.literal('action.ask'), actionId: id, askOf: line(LIMITS.askOf).nullable() }),
  z.strictObject({ ...base, type: z.literal('offer.add'), itemId: id, text: text(LIMITS.offerText) }),
  z.strictObject({ ...base, type: z.literal('offer.withdraw'), offerId: id }),
  z.strictObject({ ...base, type: z.literal('offer.accept'), offerId: id }),
  z.strictObject({ ...base, type: z.literal('lens.set'), on: z.boolean() }),
  z.strictObject({ ...base, type: z.literal('lens.tap'), itemId: id, part: z.enum(TRUST_PARTS), on: z.boolean() }),
  z.strictObject({ ...base, type: z.literal('action.volunteer'), actionId: id, volunteer: z.boolean() }),
  z.strictObject({
    ...base,
    type: z.literal('action.due'),
    actionId: id,
    dueDate: z.iso.date().nullable(),
  }),
  z.strictObject({ ...base, type: z.literal('action.delete'), actionId: id }),
  z.strictObject({
    ...base,
    type: z.literal('review.mark'),
    ref: z.string().regex(/^[A-Za-z0-9_-]{8,64}:[A-Za-z0-9_-]{8,64}$/, 'must be a review reference'),
    status: z.enum(['done', 'not-done', 'dropped']),
    reason: line(LIMITS.reviewReason).nullable().optional(),
    carry: z.boolean().optional(),
  }),
  z.strictObject({ ...base, type: z.literal('pulse.answer'), value: z.int().min(1).max(5) }),
  // GP-5, IN-34: "was this retro worth our time?" (return on time invested), 1 = a waste of time … 5 = well worth it
  z.strictObject({ ...base, type: z.literal('roti.answer'), value: z.int().min(1).max(5) }),
  z.strictObject({ ...base, type: z.literal('consensus.start'), actionId: id }),
  z.strictObject({ ...base, type: z.literal('consensus.answer'), actionId: id, value: z.int().min(0).max(5) }),
  z.strictObject({ ...base, type: z.literal('consensus.reveal'), actionId: id }),
  z.strictObject({ ...base, type: z.literal('facilitator.handover'), toHandle: id }),
  z.strictObject({ ...base, type: z.literal('facilitator.claim') }),
  z.strictObject({
    ...base,
    type: z.literal('anonymity.raise'),
    minOthers: z.int().min(LIMITS.minOthersToShow).max(LIMITS.minOthersToShowMax),
  }),
  z.strictObject({
    ...base,
    type: z.literal('columns.set'),
    columns: z
      .array(
        z.strictObject({
          id: columnId.optional(),
          title: line(LIMITS.columnTitle),
          prompt: z.string().trim().max(LIMITS.columnPrompt).refine(noControlChars, 'must not contain control characters').refine(oneLine, ONE_LINE),
        }),
      )
      .min(1, 'a board needs at least one column')
      .max(LIMITS.columns, `at most ${LIMITS.columns} columns`),
  }),
  // Issue 10: what a facilitator reaches for (rules NA-*, DN-*, JN-*, LK-*, MO-*, SG-*).
  z.strictObject({ ...base, type: z.literal('board.rename'), name: line(LIMITS.boardName) }),
  // DN-1: `stage`, the stage the mark is for (the page's, when pressed): a mark pressed offline in Write that arrives
  // once the room is in Vote is refused, not counted as done voting
  z.strictObject({ ...base, type: z.literal('done.mark'), done: z.boolean(), stage: z.enum(['write', 'vote']).optional() }),
  z.strictObject({ ...base, type: z.literal('done.reset') }),
  z.strictObject({ ...base, type: z.literal('access.password'), password: boardPassword.nullable() }),
  z.strictObject({ ...base, type: z.literal('access.knock'), on: z.boolean() }),
  z.strictObject({ ...base, type: z.literal('access.lockJoining'), locked: z.boolean() }),
  z.strictObject({ ...base, type: z.literal('access.admit'), knockId: id, admit: z.boolean() }),
  z.strictObject({ ...base, type: z.literal('board.lock'), locked: z.boolean() }),
  z.strictObject({ ...base, type: z.literal('participant.remove'), handle: id }),
  z.strictObject({ ...base, type: z.literal('card.hide'), cardId: id }),
  z.strictObject({ ...base, type: z.literal('card.sign'), cardId: id, signed: z.boolean() }),
  // Issue 10, items 11 and 13–21: running the retro (facilitation.ts).
  z.strictObject({ ...base, type: z.literal('grouping.restrict'), facilitatorOnly: z.boolean() }),
  z.strictObject({ ...base, type: z.literal('discuss.order'), itemIds: z.array(id).max(LIMITS.discussOrderMax) }),
  // DI-10: the item it moves on from (null: none was current yet); absent, it moves on from whatever is current
  z.strictObject({ ...base, type: z.literal('discuss.next'), from: id.nullable().optional() }),
  z.strictObject({ ...base, type: z.literal('discuss.reopen'), itemId: id }),
  z.strictObject({ ...base, type: z.literal('timer.pause') }),
  z.strictObject({ ...base, type: z.literal('timer.resume') }),
  z.strictObject({ ...base, type: z.literal('timer.extend') }),
  z.strictObject({ ...base, type: z.literal('action.done'), actionId: id, done: z.boolean() }),
  // RE-13: an owner says, after the retro, that their promise is done (or takes it back)
  z.strictObject({ ...base, type: z.literal('promise.mark'), actionId: id, done: z.boolean() }),
  z.strictObject({ ...base, type: z.literal('hand.raise'), raised: z.boolean() }),
  z.strictObject({ ...base, type: z.literal('reaction.toggle'), itemId: id, reaction: z.enum(REACTIONS), on: z.boolean() }),
  z.strictObject({ ...base, type: z.literal('reactions.enable'), enabled: z.boolean() }),
  z.strictObject({ ...base, type: z.literal('facilitator.reclaim') }),
  z.strictObject({ ...base, type: z.literal('board.delete') }),
  // CI-1, CI-3: a built-in question by id, or the facilitator's own words (one line, bounded like a title); null hides it
  z.strictObject({
    ...base,
    type: z.literal('checkin.set'),
    question: z.union([z.strictObject({ prompt: z.enum(CHECK_IN_PROMPTS) }), z.strictObject({ text: line(LIMITS.checkInText) })]).nullable(),
  }),
  // CW-1: the column the room is walked through in Reveal; null ends the walk
  z.strictObject({ ...base, type: z.literal('walk.focus'), columnId: columnId.nullable() }),
  // CW-6: the card or group of the walked column the room reads together; null for none
  z.strictObject({ ...base, type: z.literal('walk.spotlight'), itemId: id.nullable() }),
  z.strictObject({
    ...base,
    type: z.literal('summary.email'),
    to: z.array(z.email().max(LIMITS.emailAddress)).min(1, 'name at least one address').max(LIMITS.emailRecipients, `at most ${LIMITS.emailRecipients} addresses`),
    // EX-10: the language the summary is written in (the sender's page's)
    lang: z.enum(EXPORT_LANGUAGES).optional(),
  }),
]);
export type Command = z.infer<typeof Command>;
export type CommandType = Command['type'];
export type JoinCommand = z.infer<typeof JoinCommand>;

export const CreateBoardRequest = z.strictObject({
  /** NA-1: optional; without it the server names the retro (`defaultRetroName`) */
  name: line(LIMITS.boardName).optional(),
  templateId: z.string().max(40),
  /** NA-1: the creator's page's language, for the name the server gives */
  lang: z.enum(EXPORT_LANGUAGES).optional(),
  /** EX-12: the creator's IANA time zone, the day of the first step's when the step names none (`BAD_TIME_ZONE` if unknown) */
  timeZone: z.string().max(TIME_ZONE_MAX_LENGTH).optional(),
});

export const CreateTeamRequest = z.strictObject({
  name: line(LIMITS.boardName),
});
export type CreateTeamRequest = z.infer<typeof CreateTeamRequest>;

export interface CreateTeamResponse {
  teamId: string;
}
export type CreateBoardRequest = z.infer<typeof CreateBoardRequest>;

export interface CreateBoardResponse {
  boardId: string;
  facilitatorKey: string;
  /** NA-1: the name it was given, or the one the server chose when the request left it out */
  name: string;
}

/** What each command's ack carries on success. */
export interface CommandResults {
  join: { participantId: string; isFacilitator: boolean };
  'card.add': { cardId: string };
  'action.create': { actionId: string };
  'summary.email': { sent: number };
  'offer.add': { offerId: string };
  'offer.accept': { actionId: string };
}
export type ResultOf<T extends CommandType> = T extends keyof CommandResults ? CommandResults[T] : Record<string, never>;

/** Handshake fields the client sends in Socket.io's `auth`. */
export const HandshakeAuth = z.object({
  boardId: id,
  protocolVersion: z.number(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

/** DO-6: which document a joined Socket.io session wants a connection ticket for. */
export const DocTicketRequest = z.strictObject({ doc: z.enum(['board', 'notes']) });
export type DocTicketRequest = z.infer<typeof DocTicketRequest>;

/** DO-11: what a joined socket may send as `board.doc`: one binary y-websocket message, a few KiB at most. */
export const BoardDocMessage = z
  .instanceof(Uint8Array)
  .refine((bytes) => bytes.byteLength > 0 && bytes.byteLength <= LIMITS.boardDocMessageBytes, { message: `a board.doc message is 1 to ${LIMITS.boardDocMessageBytes} bytes` });

/** MV-1: "I picked up this card" (`moving: true`) or "I put it down"; nothing else travels. */
export const CardMovingSignal = z.strictObject({ cardId: id, moving: z.boolean() });
export type CardMovingSignal = z.infer<typeof CardMovingSignal>;

/** MV-1: what the server relays to a board: card ids only, never who moves them. */
export interface CardsMovingBatch {
  moving: string[];
  still: string[];
}

/** Formats a zod error as one readable sentence for the error ack. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
