import { useEffect, useLayoutEffect, useRef, useState, type MouseEvent, type ReactNode, type RefObject } from 'react';
import { nextPhase, previousPhase, type Phase, type PublicBoardView } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { useSession, useSessionState } from './SessionContext.js';
import { useAhead } from './useAhead.js';
import { ConfirmDialog } from '../facilitation/ConfirmDialog.js';
import type { BoardCommand } from '../sync/commandQueue.js';
import { browserTimeZone } from '../sync/timeZone.js';
import { closeVoteWarnings, revealWarnings } from './revealWarnings.js';
import { doneNow } from '../facilitation/doneNow.js';

/**
 * CF-1: the two steps nobody can take back, and what they do to everyone; (AN-12) the step back from Discuss
 * to Vote, which clears every vote; and (CF-2) closing the vote while others may still be voting.
 */
const CONFIRM = {
  reveal: { title: 'facilitation.confirm.revealTitle', body: 'facilitation.confirm.revealBody', action: 'facilitation.confirm.revealAction' },
  closed: { title: 'facilitation.confirm.closeTitle', body: 'facilitation.confirm.closeBody', action: 'facilitation.confirm.closeAction' },
  vote: { title: 'facilitation.confirm.newVoteTitle', body: 'facilitation.confirm.newVoteBody', action: 'facilitation.confirm.newVoteAction' },
  // CF-2: closing the vote while others have not said they are done
  discuss: { title: 'facilitation.confirm.closeVoteTitle', body: 'facilitation.confirm.closeVoteBody', action: 'facilitation.confirm.closeVoteAction' },
} as const;
// Only Write → Reveal reveals anything: back from Vote to Reveal, every card is on the table already, and asking
// "Reveal every card?" there would only alarm the facilitator. Vote → Discuss asks only while someone else here has
// not said they are done voting (CF-2, `closeVoteWarnings`).
const needsConfirming = (from: Phase, to: Phase, othersVoting: boolean): to is keyof typeof CONFIRM =>
  (from === 'write' && to === 'reveal') || to === 'closed' || (from === 'discuss' && to === 'vote') || (from === 'vote' && to === 'discuss' && othersVoting);

/**
 * RE-10: the promises of a Review nobody marked, counted as the Review shows them: a mark of mine still on its way
 * (`mine`: my commands not acknowledged yet, or accepted and not yet on the board, UI-20) counts as made.
 */
export function unmarkedPromises(board: Pick<PublicBoardView, 'phase' | 'review'>, mine: readonly BoardCommand[]): number {
  if (board.phase !== 'review') return 0;
  const markedAhead = new Set(mine.flatMap((c) => (c.type === 'review.mark' ? [c.ref] : [])));
  return board.review.filter((r) => r.status === null && !markedAhead.has(r.ref)).length;
}

export interface PhaseStep {
  next: Phase | null;
  previous: Phase | null;
  /** a step was sent and the board does not show it yet: no second step meanwhile */
  moving: boolean;
  /** moves the retro to `phase`, asking first where a step needs it (CF-1, RE-10) */
  go: (phase: Phase) => void;
  /**
   * A step button's click: `go`, unless the button is busy or the click is a double click's second (one intention,
   * one step: by the time it comes the board may show the step taken, and the button the step after it).
   */
  press: (phase: Phase) => (event: MouseEvent) => void;
  /**
   * UI-10: the phase buttons' group, named by the phase the room is in ("Now: Discuss"); a step taken from one of
   * its buttons leaves focus there, not on a button that now offers the step after it.
   */
  landing: RefObject<HTMLDivElement | null>;
  /** the questions `go` asks, to draw wherever the buttons are */
  dialogs: ReactNode;
}

/**
 * The facilitator's step from phase to phase, wherever its buttons are drawn (the facilitator's panel, UI-29's
 * phone bar): the same questions before the same steps, and focus back on the button that asked.
 */
export function usePhaseStep(board: PublicBoardView): PhaseStep {
  const { t } = useWords();
  const session = useSession();
  // One step at a time, until the board shows the step taken (UI-20: the ack can come before the board's update,
  // and the buttons would offer the step just taken again). Buttons use aria-disabled, not disabled, so they keep
  // keyboard focus while the step is confirmed.
  const moving = useAhead('phase.set') !== undefined;
  const next = nextPhase(board.phase, board.hasReview);
  const previous = previousPhase(board.phase, board.hasReview);
  const [confirming, setConfirming] = useState<keyof typeof CONFIRM | null>(null);
  // RE-10: leaving Review with promises nobody marked asks first — a nudge, not a block (they stay open, RE-3)
  const [nudging, setNudging] = useState(false);
  const { pending, settled, me } = useSessionState();
  const stillVoting = closeVoteWarnings(board, { done: doneNow(board.progress, me, pending) });
  const unmarked = unmarkedPromises(board, [...pending, ...settled]);
  // The button that opened a confirmation gets focus back when it closes, so a keyboard user goes on from there.
  const opener = useRef<HTMLElement | null>(null);
  // PH-2: the phase the facilitator saw when they asked for the step; the server refuses the step from any other
  const from = useRef<Phase>(board.phase);
  const asked = useRef<Phase | null>(null);
  const landing = useRef<HTMLDivElement | null>(null);
  const step = (phase: Phase) => {
    asked.current = phase;
    // EX-12: the first step's day is the facilitator's own (a later step's zone would say nothing: it is left out)
    const first = board.heldOn === null && board.phase === (board.hasReview ? 'review' : 'write');
    const timeZone = first ? browserTimeZone() : undefined;
    session.send({ type: 'phase.set', phase, from: from.current, ...(timeZone ? { timeZone } : {}) });
  };
  const go = (phase: Phase) => {
    from.current = board.phase;
    const nudge = board.phase === 'review' && phase === 'write' && unmarked > 0;
    const confirmFirst = needsConfirming(board.phase, phase, stillVoting !== null);
    if (!nudge && !confirmFirst) return step(phase);
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (nudge) setNudging(true);
    else if (confirmFirst) setConfirming(phase);
  };
  // RE-10: should the last promise be marked while the question is open (by someone else, or a mark the board had not
  // counted), the step the facilitator asked for is taken: no dialog ever says "0 promises are not marked yet" (seen
  // in a fresh-clone CI run of reviewNudge.spec, when the nudge counted only the board's marks and not mine ahead).
  useEffect(() => {
    if (!nudging || unmarked > 0 || board.phase !== 'review') return;
    setNudging(false);
    step('write');
  }, [nudging, unmarked, board.phase, session]);
  // UI-10: the board shows the step asked for here: focus on one of the phase buttons (the one pressed, which now
  // offers the next step) goes to their group, which says the phase the room is in, so a second Enter or Space takes
  // no second step; from there, in the same commit, to the new phase's heading (`useHeadingTakesFocusOnPhaseChange`),
  // where the phase starts. The group keeps it while no heading is on screen (a phone's Facilitate tab; the phase's
  // code still on its way, until it comes). Focus elsewhere stays where it is.
  useLayoutEffect(() => {
    if (asked.current === null || asked.current !== board.phase) return;
    asked.current = null;
    const group = landing.current;
    const active = document.activeElement;
    if (group && (!active || active === document.body || group.contains(active))) group.focus();
  }, [board.phase]);
  useEffect(() => {
    if (confirming !== null || nudging) return;
    if (opener.current?.isConnected) opener.current.focus();
    opener.current = null;
  }, [confirming, nudging]);
  const confirm = confirming ? CONFIRM[confirming] : undefined;
  const atReveal = confirming === 'reveal' ? revealWarnings(board) : null;
  // CO-9: the checks Close will close (and reveal)
  const openChecks = confirming === 'closed' ? board.actions.filter((a) => a.consensus?.open) : [];

  const dialogs = (
    <>
      {nudging && (
        <ConfirmDialog
          title={t('facilitator.unmarkedTitle', { count: unmarked })}
          confirmLabel={t('facilitator.unmarkedGoOn')}
          cancelLabel={t('facilitator.unmarkedStay')}
          onCancel={() => setNudging(false)}
          onConfirm={() => {
            step('write');
            setNudging(false);
          }}
        >
          <p>{t('facilitator.unmarkedBody')}</p>
        </ConfirmDialog>
      )}
      {confirming && confirm && (
        <ConfirmDialog
          title={t(confirm.title)}
          confirmLabel={t(confirm.action)}
          danger={confirming === 'closed'}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            step(confirming);
            setConfirming(null);
          }}
        >
          <p>{t(confirm.body)}</p>
          {atReveal?.stillWriting && <p>{t('facilitation.confirm.revealStillWriting', atReveal.stillWriting)}</p>}
          {atReveal?.pulseCloses && <p>{t('facilitation.confirm.revealPulseCloses')}</p>}
          {confirming === 'closed' && board.roti.open && <p>{t('facilitation.confirm.closeRotiCloses')}</p>}
          {confirming === 'closed' && openChecks.length > 0 && (
            <p>{t('facilitation.confirm.closeChecksClose', { count: openChecks.length, needed: board.minOthersToShow + 1, answered: openChecks[0]!.consensus!.answered })}</p>
          )}
          {confirming === 'discuss' && stillVoting && <p>{t('facilitation.confirm.closeVoteNotDone', stillVoting)}</p>}
        </ConfirmDialog>
      )}
    </>
  );
  const press = (phase: Phase) => (event: MouseEvent) => {
    if (!moving && event.detail < 2) go(phase);
  };
  return { next, previous, moving, go, press, landing, dialogs };
}
