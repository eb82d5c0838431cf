import { useEffect, useRef, useState } from 'react';
import { useWords } from '../i18n/useWords.js';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { allowedIn, everyoneDone, phaseIndex, type PersonalView, type PublicAction, type PublicBoardView, type PublicParticipant } from '@candor/shared';
import { HeldDepartures, nameList, presenceMoves, type PresenceChange } from './presenceNotices.js';
import { shortText } from '../cards/shortText.js';
import { phaseSaidByHeading } from '../a11y/phaseHeading.js';
import { isNextStepPress, NEXT_STEP_KEYS } from '../board/nextStepKey.js';
import { useCoarsePointer, useIsPhone } from '../layout/useIsPhone.js';

/** PR-1: at most one presence line this often; what happens meanwhile is folded into the next line. */
const PRESENCE_NOTICE_EVERY_MS = 2000;
/**
 * PR-1 UI-21: how long a line of news stays in the bar: long enough to read at a glance down (6 s went before a
 * two-name line was read), then it gives way to who is here; its live region announced it as it came.
 */
const QUIET_NOTICE_MS = 12_000;

type Words = ReturnType<typeof useWords>['t'];

/** What a line of news is true of: the board, what I have done on it, and when the facilitator's role may be taken. */
interface Now {
  board: PublicBoardView;
  me: PersonalView | null;
  /** FA-3: when anyone here may take the role of the facilitator who is away; null while nobody may */
  claimAt: number | null;
}

/** How a line is said (beside its words): which check it asks for, whether it is said aloud, while what it is true. */
interface Saying {
  /** CO-7: the action whose open check this line asks people to answer */
  check?: string;
  /** PR-3: shown, not said: the new phase's heading, where focus landed, says it */
  unsaid?: boolean;
  /**
   * FA-3 DN-3 CO-7 PR-3: said while this is true ("Everyone here is done writing.", a phase's news, a check that asks
   * for my answer, anyone may take over); the line goes the moment it is not, not when its 12 s are up
   */
  whileTrue?: (now: Now) => boolean;
  /** PR-3: the line this one says again (shown unsaid, it goes as this one comes) */
  replacing?: number;
}

/** PL-1: news kept as how to say it, not as words said: a language switch says what is on screen again in the new language. */
interface Quiet extends Omit<Saying, 'replacing'> {
  id: number;
  say: (t: Words) => string;
}

/**
 * Quiet room news, read from the board document: who joined or left (PR-1), the retro moving on or back (PR-3),
 * everyone done (DN-3), someone removed (MO-2), a card hidden (MO-3). Polite, brief, never a stack of thirty.
 */
export function RoomNotices({
  board,
  myName,
  showBoard,
}: {
  board: PublicBoardView;
  /** my own arrival is not news to me */
  myName: string | null;
  /** CO-7: opens a phone's Board tab, where a check is (from People) */
  showBoard: () => void;
}) {
  const { t } = useWords();
  const session = useSession();
  const [notices, setNotices] = useState<Quiet[]>([]);
  const nextId = useRef(0);
  const announced = useRef<readonly PublicParticipant[] | null>(null);
  const lastPresenceAt = useRef(0);
  const flushTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // PR-4: departures wait until their people have been away long enough to be news
  const departures = useRef(new HeldDepartures());
  const departureTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(board);
  const wasAllDone = useRef(everyoneDone(board.progress));
  const removedSeen = useRef(board.removed.length);
  const hiddenSeen = useRef(board.hiddenCards);
  const phaseSeen = useRef(board.phase);
  const checksSeen = useRef(openChecks(board));
  const myNameRef = useRef(myName);
  latest.current = board;
  myNameRef.current = myName;
  const coarse = useCoarsePointer();
  const phone = useIsPhone();
  const noKeySentence = coarse || phone;

  const push = (say: (t: Words) => string, { replacing, ...saying }: Saying = {}) => {
    const id = nextId.current++;
    setNotices((list) => [...list.filter((n) => n.id !== replacing).slice(-2), { id, say, ...saying }]);
    setTimeout(() => setNotices((list) => list.filter((n) => n.id !== id)), QUIET_NOTICE_MS);
    return id;
  };

  const { connection, joined, isFacilitator, pending, me } = useSessionState();
  // FA-3: once the facilitator has been away so long that anyone may take the role, the room is told, and the line
  // keeps saying so: on a phone the way to take it (People) is a tab away from the board, which said nothing of it
  const facilitator = board.facilitator;
  const claimAt = !isFacilitator && board.phase !== 'closed' && facilitator && !facilitator.online ? facilitator.claimableAt : null;
  // a line of news that is no longer true goes at once, not when its 12 s are up (FA-3, DN-3, CO-7). First of the news
  // effects: the lines a change makes untrue go before the lines it brings take their place (the bar keeps three)
  const present: Now = { board, me, claimAt };
  const untrue = (n: Quiet) => n.whileTrue !== undefined && !n.whileTrue(present);
  useEffect(() => {
    if (notices.some(untrue)) setNotices((list) => list.filter((n) => !untrue(n)));
  }, [notices, board, me, claimAt]);

  const sentence = (t: Words, { kind, names }: PresenceChange) => {
    const { form, ...values } = nameList(names);
    return t(`facilitation.presence.${kind}${form}`, values);
  };

  useEffect(() => {
    // The people already here when the board opens are not news.
    if (announced.current === null) {
      announced.current = board.participants;
      return;
    }
    const tell = (change: PresenceChange) => {
      lastPresenceAt.current = Date.now();
      push((t) => sentence(t, change));
    };
    // PR-4: the held departures that are news now (their people still away), then a look again at the next one
    const tellDepartures = () => {
      departureTimer.current = undefined;
      const stillAway = (handle: string) => latest.current.participants.some((p) => p.handle === handle && !p.online);
      const { names, next } = departures.current.due(Date.now(), stillAway);
      if (names.length > 0) tell({ kind: 'left', names });
      if (next !== null) departureTimer.current = setTimeout(tellDepartures, next - Date.now());
    };
    const flush = () => {
      flushTimer.current = undefined;
      const now = latest.current.participants;
      const others = (list: readonly PublicParticipant[]) => list.filter((p) => p.name !== myNameRef.current);
      const joined = departures.current.arrivals(presenceMoves(others(announced.current ?? []), others(now)), Date.now());
      announced.current = now;
      if (joined.length > 0) tell({ kind: 'joined', names: joined });
      if (departureTimer.current === undefined) tellDepartures();
    };
    const wait = lastPresenceAt.current + PRESENCE_NOTICE_EVERY_MS - Date.now();
    if (wait <= 0) flush();
    else flushTimer.current ??= setTimeout(flush, wait);
  }, [board.participants]);

  useEffect(
    () => () => {
      clearTimeout(flushTimer.current);
      clearTimeout(departureTimer.current);
    },
    [],
  );

  // DN-3: "Everyone here is done writing." is no longer true once a mark is taken back, someone who is not done comes,
  // or the marks are reset: it goes then (it stayed its 12 s, "Alle, die da sind, sind fertig" beside "2 of 3 done"), and
  // when the room leaves the phase ("Everyone here is done voting." in Discuss), for the facilitator too
  useEffect(() => {
    const allDone = everyoneDone(board.progress);
    const voting = board.progress?.stage === 'vote';
    const phase = board.phase;
    if (allDone && !wasAllDone.current) {
      push((t) => (voting ? t('facilitation.done.allVoting') : t('facilitation.done.allWriting')), { whileTrue: (now) => everyoneDone(now.board.progress) && now.board.phase === phase });
    }
    wasAllDone.current = allDone;
  }, [board.progress]);

  useEffect(() => {
    const fresh = board.removed.slice(removedSeen.current);
    removedSeen.current = board.removed.length;
    if (fresh.length > 0) push((t) => t('facilitation.presence.removed', { names: fresh.join(', ') }));
  }, [board.removed]);

  useEffect(() => {
    if (board.hiddenCards > hiddenSeen.current) push((t) => t('facilitation.presence.hidden'));
    hiddenSeen.current = board.hiddenCards;
  }, [board.hiddenCards]);

  // PR-3 (WF-3): focus that stays where it was (the header, a phone's People tab) hears nothing of the new phase's
  // heading, and the stepper's change is silent; the phase a person opens the board in is not news. The facilitator's
  // own step is not news to her: her focus lands on the new phase's heading, which says it (UI-10), and this said it again.
  // Nor is it to anyone whose focus lands there: the line shows it, unsaid; until that is known (the heading's code on
  // its way, focus on a control that may yet go with the phase before) it shows unsaid, then is said if it was not.
  useEffect(() => {
    const before = phaseSeen.current;
    phaseSeen.current = board.phase;
    if (before === board.phase) return;
    const now = board.phase;
    if (isFacilitator) return;
    const onward = phaseIndex(now) > phaseIndex(before);
    const say = (t: Words) => t(onward ? 'facilitation.presence.movedOn' : 'facilitation.presence.wentBack', { phase: t(`phases.${now}`) });
    // DN-3: news of the phase, which goes when the room leaves it
    const whileTrue = (later: Now) => later.board.phase === now;
    const said = phaseSaidByHeading();
    const id = push(say, { unsaid: said !== false, whileTrue });
    if (said !== null) return;
    let timer: ReturnType<typeof setTimeout>;
    const decide = () => {
      const known = phaseSaidByHeading();
      if (known === null) timer = setTimeout(decide, 200);
      // a line of its own: a live region says what is added to it
      else if (!known) push(say, { whileTrue, replacing: id });
    };
    decide();
    return () => clearTimeout(timer);
  }, [board.phase]);

  // CO-7: a fist of five opens under its action, often below the screen of whoever is to answer; the facilitator who
  // started it knows. Named by its item (the action's words are in the shared notes, not here).
  useEffect(() => {
    const open = openChecks(board);
    // one started while no answer can be given (the board locked) is news once one can, as one started then: it was
    // never told, and the bar's "Fist of five open: Answer now" came with no line, as though it were old news
    const answersTaken = answerable(board);
    const started = answersTaken ? board.actions.filter((a) => open.has(a.id) && !checksSeen.current.has(a.id)) : [];
    checksSeen.current = answersTaken ? open : new Set([...checksSeen.current].filter((id) => open.has(id)));
    if (isFacilitator || !answersTaken) return;
    for (const action of started) {
      const item = itemName(board, action.itemId);
      // CO-10: at a keyboard the line says the keys that take me to the check (a touch screen has none to press; a narrow
      // window's two lines have no room for it, the button says them)
      push((t) => (noKeySentence ? t('facilitation.presence.checkStarted', { item }) : `${t('facilitation.presence.checkStarted', { item })} ${t('facilitation.presence.answerKeys')}`), {
        check: action.id,
        whileTrue: (now) => asksMe(now, action.id),
      });
    }
  }, [board.actions, board.locked, board.phase]);

  const [claimOpen, setClaimOpen] = useState<string | null>(null);
  useEffect(() => {
    setClaimOpen(null);
    if (claimAt === null || !facilitator) return;
    const name = facilitator.name;
    const timer = setTimeout(() => {
      setClaimOpen(name);
      // its line of news is no longer true once the role is taken or she is back: it goes then, not 12 s after it came
      push((t) => t('facilitation.presence.claimOpen', { name }), { whileTrue: (now) => now.claimAt === claimAt });
    }, claimAt - session.serverNow());
    return () => clearTimeout(timer);
  }, [claimAt]);

  // The line shows the latest news (each was announced as it came), or, with none, how many are here.
  const here = board.participants.filter((p) => p.online).length;
  // WI-2 (RC-7): with the connection gone, who is here is what was known before it went: the bar, in sight where the
  // header is not (a phone scrolled down), says so instead (the header's status is the live region that announces it)
  const away = !(connection === 'connected' && joined);
  // a new function each time, so each drawing of the bar measures its line again (and while away, nothing is measured)
  const measured = away ? undefined : (line: HTMLElement | null) => rowOfItsOwn(line);
  // CO-7: while a check open here still waits for my answer, a way to it stays in the bar, whatever news passes through
  // the line: it went with the line that asked (12 s, or at the next news, "Cy joined"), and the check was then found
  // only by scrolling. Beside that line it is "Answer now"; beside other news it says what it is for. Locked, no answer
  // could be given (LK-1); the facilitator who started it is not asked (the line above).
  const waiting = isFacilitator || !answerable(board) ? undefined : board.actions.find((a) => a.consensus?.open && me?.consensus[a.id] === undefined);
  const besideItsLine = notices.at(-1)?.check === waiting?.id;
  const answerNow = (action: PublicAction, byKey = false) => {
    const id = `fist-${action.id}`;
    if (!document.getElementById(id)) {
      showBoard();
      // an item discussed earlier shows its actions (and the check) only when opened: open it (DiscussPhase)
      window.dispatchEvent(new CustomEvent('candor:open-item', { detail: action.itemId }));
    }
    // (loaded with the actions' code, which draws the check: not on every board's first load)
    void import('../a11y/wholeInSight.js').then(({ goToWhole }) => goToWhole(id, byKey));
  };
  // CO-10: Alt+Shift+N, the key that brings a facilitator to their step on (UI-48), brings me to the check that waits for
  // my answer, from anywhere on the board, a field too when the press types nothing: from the item's notes, where the
  // room's words are typed, "Answer now" was 16 Shift+Tabs back
  const waitingRef = useRef(waiting);
  waitingRef.current = away ? undefined : waiting;
  const waits = waitingRef.current !== undefined;
  useEffect(() => {
    if (!waits) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const action = waitingRef.current;
      if (!action || !isNextStepPress(event)) return;
      event.preventDefault();
      answerNow(action, true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [waits]);
  return (
    <>
      {away && (
        // RC-11: the header says only its dot (it kept its size), so the bar says what waits to send and offers "Reconnect now"
        <p className="room-here away">
          <span className="away-words">
            {t('connection.reconnecting')}
            {pending.length > 0 && ` ${t('connection.waiting', { count: pending.length })}`}
          </span>
          {connection !== 'connecting' && (
            <button type="button" className="reconnect-now" title={t('connection.reconnectNow')} onClick={() => session.reconnectNow()}>
              <span aria-hidden="true">↻</span><span className="reconnect-words"> {t('connection.reconnectNow')}</span>
            </button>
          )}
        </p>
      )}
      <div className="room-notices" role="status" aria-live="polite">
        {notices.map((n) => (
          <p key={n.id} className="room-notice" ref={measured} aria-hidden={n.unsaid}>
            {n.say(t)}
          </p>
        ))}
      </div>
      {!away && notices.length === 0 && (
        <p className={claimOpen ? 'room-here claim-open' : 'room-here'} ref={measured}>
          {claimOpen ? t('facilitation.presence.claimOpen', { name: claimOpen }) : t('layout.here', { count: here })}
        </p>
      )}
      {!away && waiting && (
        <button type="button" className="answer-now small" onClick={() => answerNow(waiting)} aria-keyshortcuts={NEXT_STEP_KEYS}>
          {t(besideItsLine ? 'facilitation.presence.answerNow' : 'facilitation.presence.checkOpen')}
          {/* CO-10: the keys, for the eye (a screen reader hears them from aria-keyshortcuts and the line); none on touch */}
          {!coarse && <kbd aria-hidden="true">{t('facilitation.presence.keys')}</kbd>}
        </button>
      )}
    </>
  );
}

/**
 * UI-21: a line a long name makes too long for its place (beside a phone's timer, or a desk's one line) takes a row of
 * its own in the bar, which grows, and the page and a phone's step bar above it with it (`--room-bar-height`): it was
 * cut ("Bartholomäus von Featherstonehaugh ist…"). Measured in its place, before paint, each time the bar is drawn (the
 * news, its language, a timer beside it); the last line drawn is the one in sight.
 */
function rowOfItsOwn(line: HTMLElement | null): void {
  const html = document.documentElement.classList;
  html.remove('long-news');
  // (a line out of sight, an earlier one, measures 0 by 0)
  if (line) html.toggle('long-news', line.scrollHeight > line.clientHeight || line.scrollWidth > line.clientWidth);
}

/** CO-7 LK-1: a board where a check takes answers now: not locked, in a phase with them */
function answerable(board: PublicBoardView): boolean {
  return !board.locked && allowedIn('consensus.answer', board.phase);
}

/**
 * CO-7: whether the check on `actionId` still asks me for my answer: a check revealed or closed takes no answers, nor
 * does any while the board is locked (LK-1) or in a phase without them, and one I have answered asks me no more
 */
function asksMe({ board, me }: Now, actionId: string): boolean {
  return answerable(board) && board.actions.some((a) => a.id === actionId && a.consensus?.open) && me?.consensus[actionId] === undefined;
}

/** the actions whose consensus check is open (CO-7) */
function openChecks(board: PublicBoardView): ReadonlySet<string> {
  return new Set(board.actions.filter((a) => a.consensus?.open).map((a) => a.id));
}

/**
 * An item as one short line: its group's title (or its cards' words), or its card's words. Not `itemLabel`
 * (cards/items.ts): the news bar is on every board's first load, and that module is not.
 */
function itemName(board: PublicBoardView, itemId: string): string {
  const group = board.groups.find((g) => g.id === itemId);
  const words = group ? group.title.trim() || board.cards.filter((c) => c.groupId === itemId).map((c) => c.text).join(' / ') : board.cards.find((c) => c.id === itemId)?.text;
  // CO-7: at most 40 characters, so that the line, what to do first, fits a phone's news bar whole in German too
  return shortText(words || '…', 40);
}
