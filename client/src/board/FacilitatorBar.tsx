import { useEffect, useState, type FormEvent } from 'react';
import { LIMITS, PHASE_LABELS, allowedIn, nextPhase, previousPhase, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from './SessionContext.js';
import { TimerControls } from '../timer/TimerControls.js';
import { AnonymitySetting } from './AnonymitySetting.js';

export function FacilitatorBar({ board }: { board: PublicBoardView }) {
  const session = useSession();
  const { pending } = useSessionState();
  // One step at a time: a second click before the first is confirmed would be refused anyway.
  const moving = pending.some((c) => c.type === 'phase.set');
  const next = nextPhase(board.phase, board.hasReview);
  const previous = previousPhase(board.phase, board.hasReview);

  return (
    <section className="panel facilitator-bar" aria-labelledby="facilitator-title">
      <h2 id="facilitator-title">Facilitator</h2>
      {board.phase === 'closed' ? (
        <p className="hint">The retro is closed. Thank you for looking after it.</p>
      ) : (
        <div className="phase-buttons">
          {previous && (
            <button type="button" disabled={moving} onClick={() => session.send({ type: 'phase.set', phase: previous })}>
              Back
            </button>
          )}
          {next && (
            <button type="button" className="primary" disabled={moving} onClick={() => session.send({ type: 'phase.set', phase: next })}>
              Next: {PHASE_LABELS[next]}
            </button>
          )}
        </div>
      )}
      {allowedIn('settings.update', board.phase) && <VoteSettings board={board} />}
      {allowedIn('timer.start', board.phase) && <TimerControls timer={board.timer} />}
      {allowedIn('anonymity.raise', board.phase) && <AnonymitySetting board={board} />}
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
