import { allowedIn, type PublicAction, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { DistributionBars } from '../charts/DistributionBars.js';
import { NOT_ENOUGH_ANSWERS } from '../pulse/TrustPulse.js';
import { SubtractionNote } from '../pulse/SubtractionNote.js';
import { usePresenting } from '../board/presenting.js';

export const CONSENSUS_QUESTION = 'Fist of five: how much do you support this action?';
export const DOUBTS_FLAG = 'Someone has doubts — talk before you commit.';

const FIST_LABELS: Record<number, string> = {
  0: '0 — block',
  1: '1 — serious doubts',
  2: '2 — some doubts',
  3: '3 — can live with it',
  4: '4 — support',
  5: '5 — fully support',
};

/**
 * CO-*: a fist of five against fake consensus. Answers stay anonymous and hidden until everyone answered
 * or the facilitator reveals; then only the distribution shows, and any answer of 2 or less is a flag.
 */
export function ConsensusCheck({ board, action, label }: { board: PublicBoardView; action: PublicAction; label: string }) {
  const session = useSession();
  const { me, isFacilitator, pending } = useSessionState();
  const consensus = action.consensus;
  const canRun = isFacilitator && allowedIn('consensus.start', board.phase);
  const queued = [...pending].reverse().find((c) => c.type === 'consensus.answer' && c.actionId === action.id);
  // AN-11: my answer is not shown while presenting
  const presenting = usePresenting();
  const mine = presenting ? null : queued?.type === 'consensus.answer' ? queued.value : (me?.consensus[action.id] ?? null);
  const groupId = `fist-${action.id}`;

  if (!consensus) {
    return canRun ? (
      <div className="consensus">
        <button type="button" className="small" aria-label={`Check consensus: ${label}`} onClick={() => session.send({ type: 'consensus.start', actionId: action.id })}>
          Check consensus
        </button>
      </div>
    ) : null;
  }

  if (consensus.open) {
    return (
      <div className="consensus open">
        <p id={`${groupId}-q`} className="consensus-question">
          {CONSENSUS_QUESTION}
        </p>
        {allowedIn('consensus.answer', board.phase) && (
          <div className="scale fist" role="radiogroup" aria-label="Fist of five">
            {[0, 1, 2, 3, 4, 5].map((value) => (
              <label key={value} className={`scale-option ${mine === value ? 'selected' : ''}`} title={FIST_LABELS[value]}>
                <input
                  type="radio"
                  name={groupId}
                  value={value}
                  checked={mine === value}
                  aria-label={FIST_LABELS[value]}
                  onChange={() => session.send({ type: 'consensus.answer', actionId: action.id, value })}
                />
                <span aria-hidden="true">{value}</span>
              </label>
            ))}
          </div>
        )}
        <p className="hint" aria-live="polite">
          {consensus.answered} answered · anonymous, hidden until everyone here has answered or the facilitator reveals
          {mine !== null ? ` · yours: ${mine}` : ''}
        </p>
        <SubtractionNote minOthers={board.minOthersToShow} />
        {canRun && (
          <button type="button" className="small" aria-label={`Reveal answers: ${label}`} onClick={() => session.send({ type: 'consensus.reveal', actionId: action.id })}>
            Reveal answers
          </button>
        )}
      </div>
    );
  }

  return <ConsensusResult action={action} />;
}

export function ConsensusResult({ action }: { action: PublicAction }) {
  const consensus = action.consensus;
  if (!consensus?.revealed) return null;
  return (
    <div className="consensus revealed">
      {consensus.flagged && (
        <p className="flag" role="status">
          {DOUBTS_FLAG}
        </p>
      )}
      {consensus.distribution ? (
        <>
          <p className="hint">Fist of five: 0 = block, 5 = fully support</p>
          <DistributionBars distribution={consensus.distribution} label="Consensus results" />
        </>
      ) : (
        <p className="empty">{NOT_ENOUGH_ANSWERS}</p>
      )}
    </div>
  );
}
