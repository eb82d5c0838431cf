import { useEffect, useState, type FormEvent } from 'react';
import { LIMITS, PHASE_LABELS, allowedIn, nextPhase, previousPhase, type Phase, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from './SessionContext.js';
import { TimerControls } from '../timer/TimerControls.js';
import { ConfirmDialog } from '../facilitation/ConfirmDialog.js';
import { DoneProgress } from '../facilitation/DoneToggle.js';
import { AccessControls, KnockList } from '../facilitation/AccessControls.js';

/** CF-1: the two steps nobody can take back, and what they do to everyone. */
const CONFIRM: Partial<Record<Phase, { title: string; body: string; action: string }>> = {
  reveal: {
    title: 'Reveal every card?',
    body: 'Everyone sees every card that has been written, at once and without names. A revealed card cannot be hidden again by going back.',
    action: 'Reveal all cards',
  },
  closed: {
    title: 'Close the retro?',
    body: 'Nobody can add, change or vote on anything afterwards, notes included. Everyone gets the summary and the exports. A closed retro cannot be reopened.',
    action: 'Close the retro',
  },
};

export function FacilitatorBar({ board }: { board: PublicBoardView }) {
  const session = useSession();
  const { pending } = useSessionState();
  // One step at a time: a second click before the first is confirmed would be refused anyway.
  const moving = pending.some((c) => c.type === 'phase.set');
  const next = nextPhase(board.phase, board.hasReview);
  const previous = previousPhase(board.phase, board.hasReview);
  const [confirming, setConfirming] = useState<Phase | null>(null);
  const go = (phase: Phase) => (CONFIRM[phase] ? setConfirming(phase) : session.send({ type: 'phase.set', phase }));
  const confirm = confirming ? CONFIRM[confirming] : undefined;

  return (
    <section className="panel facilitator-bar" aria-labelledby="facilitator-title">
      <h2 id="facilitator-title">Facilitator</h2>
      <KnockList />
      {board.phase === 'closed' ? (
        <p className="hint">The retro is closed. Thank you for looking after it.</p>
      ) : (
        <div className="phase-buttons">
          {previous && (
            <button type="button" disabled={moving} onClick={() => session.send({ type: 'phase.set', phase: previous })}>
              Back
            </button>
          )}
          {/* CF-1: Close never sits where every "Next" button stood; it has its own place at the end. */}
          {next && next !== 'closed' && (
            <button type="button" className="primary" disabled={moving} onClick={() => go(next)}>
              Next: {PHASE_LABELS[next]}
            </button>
          )}
        </div>
      )}
      <DoneProgress board={board} />
      {allowedIn('settings.update', board.phase) && <VoteSettings board={board} />}
      {allowedIn('timer.start', board.phase) && <TimerControls timer={board.timer} />}
      {board.phase !== 'closed' && <AccessControls board={board} />}
      {next === 'closed' && (
        <div className="close-retro">
          <h3>Finish</h3>
          <button type="button" className="danger-outline" disabled={moving} onClick={() => go('closed')}>
            Close the retro…
          </button>
        </div>
      )}
      {confirming && confirm && (
        <ConfirmDialog
          title={confirm.title}
          confirmLabel={confirm.action}
          danger={confirming === 'closed'}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            session.send({ type: 'phase.set', phase: confirming });
            setConfirming(null);
          }}
        >
          <p>{confirm.body}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function VoteSettings({ board }: { board: PublicBoardView }) {
  const session = useSession();
  const [budget, setBudget] = useState(board.settings.voteBudget);
  const [cap, setCap] = useState(board.settings.perItemCap);

  useEffect(() => {
    setBudget(board.settings.voteBudget);
    setCap(board.settings.perItemCap);
  }, [board.settings.voteBudget, board.settings.perItemCap]);

  const invalid = cap > budget || budget < 1 || cap < 1;
  const unchanged = budget === board.settings.voteBudget && cap === board.settings.perItemCap;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!invalid) session.send({ type: 'settings.update', voteBudget: budget, perItemCap: cap });
  }

  return (
    <form className="vote-settings" onSubmit={onSubmit}>
      <h3>Voting</h3>
      <label className="field inline">
        <span>Votes per person</span>
        <input type="number" min={1} max={LIMITS.voteBudgetMax} value={budget} onChange={(e) => setBudget(e.target.valueAsNumber || 0)} />
      </label>
      <label className="field inline">
        <span>Most votes on one item</span>
        <input type="number" min={1} max={budget || 1} value={cap} onChange={(e) => setCap(e.target.valueAsNumber || 0)} />
      </label>
      {cap > budget && <p className="hint">The votes on one item cannot exceed the votes per person.</p>}
      <button type="submit" disabled={invalid || unchanged}>
        Update vote settings
      </button>
    </form>
  );
}
