import { useWords } from '../i18n/useWords.js';
import { allowedIn, type PublicAction, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { DistributionBars } from '../charts/DistributionBars.js';
import { usePresenting } from '../board/presenting.js';
import { useAhead } from '../board/useAhead.js';
import { tooFewHere } from '../pulse/tooFewHere.js';
import { doubtFlagKey } from './doubtFlag.js';
import { LOCKED_LINE_ID, useReadOnly } from '../facilitation/useReadOnly.js';

const FIST_VALUES = [0, 1, 2, 3, 4, 5] as const;

/**
 * CO-*: a fist of five against fake consensus. Answers stay anonymous and hidden until everyone answered
 * or the facilitator reveals; then only the distribution shows (with enough answers, AN-9), and any answer of 2 or
 * less is a flag.
 *
 * The check is one region from the facilitator's button through the answers to the result, so when the part
 * that had focus goes (the button once pressed, the answers once the check closes), focus lands on the region
 * (`data-focus-landing`, UI-10): not on an answer an arrow key would change, nor in the action's shared text.
 */
export function ConsensusCheck({ board, action, label }: { board: PublicBoardView; action: PublicAction; label: string }) {
  const { t } = useWords();
  const session = useSession();
  const { me, isFacilitator, pending } = useSessionState();
  const consensus = action.consensus;
  const canRun = isFacilitator && allowedIn('consensus.start', board.phase);
  const queued = [...pending].reverse().find((c) => c.type === 'consensus.answer' && c.actionId === action.id);
  // AN-11: my answer is not shown while presenting
  const presenting = usePresenting();
  // LK-1: locked, a participant's answers are disabled and say why (the server would refuse one)
  const readOnly = useReadOnly(board);
  const mine = presenting ? null : queued?.type === 'consensus.answer' ? queued.value : (me?.consensus[action.id] ?? null);
  const groupId = `fist-${action.id}`;
  // UI-20: a check or a reveal I asked for waits for the board to show it; pressed again meanwhile, a check would
  // start over and drop the answers given since
  const starting = useAhead('consensus.start', (c) => c.actionId === action.id) !== undefined;
  const revealing = useAhead('consensus.reveal', (c) => c.actionId === action.id) !== undefined;
  // AN-9: too few here for the answers ever to show — said before the check starts, and before anyone answers
  const tooFew = tooFewHere(board, consensus?.answered ?? 0);
  const tooFewId = `${groupId}-too-few`;
  const noteId = `${groupId}-note`;
  if (!consensus && !canRun) return null;

  return (
    <div
      id={groupId}
      className={`consensus ${!consensus ? 'unstarted' : consensus.open ? 'open' : 'revealed'}`}
      role="group"
      aria-label={t('consensus.region', { name: label })}
      tabIndex={-1}
      data-focus-landing
    >
      {!consensus ? (
        <>
          <button
            type="button"
            className="small"
            aria-label={t('consensus.checkLabel', { name: label })}
            aria-describedby={tooFew ? tooFewId : undefined}
            aria-disabled={starting}
            onClick={() => !starting && session.send({ type: 'consensus.start', actionId: action.id })}
          >
            {t('consensus.check')}
          </button>
          {tooFew && (
            <p id={tooFewId} className="hint too-few">
              {t('consensus.tooFewToStart', tooFew)}
            </p>
          )}
        </>
      ) : consensus.open ? (
        <>
          <p id={`${groupId}-q`} className="consensus-question">
            {t('consensus.question')}
          </p>
          {tooFew && (
            <p id={tooFewId} className="hint too-few">
              {t('consensus.tooFewToAnswer', tooFew)}
            </p>
          )}
          {/* UI-37: what the digits mean, in sight while people answer (a title shows only on hovering, never on a phone) */}
          {allowedIn('consensus.answer', board.phase) && <p className="hint scale-legend">{t('consensus.legend')}</p>}
          {allowedIn('consensus.answer', board.phase) && (
            <div className="scale fist" role="radiogroup" aria-label={t('consensus.fistOfFive')} aria-describedby={[tooFew ? tooFewId : noteId, readOnly && LOCKED_LINE_ID].filter(Boolean).join(' ')}>
              {FIST_VALUES.map((value) => (
                <label key={value} className={`scale-option ${mine === value ? 'selected' : ''}`} title={t(`consensus.fist.${value}`)}>
                  <input
                    type="radio"
                    name={groupId}
                    value={value}
                    checked={mine === value}
                    aria-label={t(`consensus.fist.${value}`)}
                    disabled={readOnly}
                    onChange={() => session.send({ type: 'consensus.answer', actionId: action.id, value })}
                  />
                  <span aria-hidden="true">{value}</span>
                </label>
              ))}
            </div>
          )}
          <p className="hint" aria-live="polite">
            {t('consensus.answered', { count: consensus.answered })}
            {mine !== null ? t('consensus.yours', { value: mine }) : ''}
          </p>
          {/* CO-8 (AN-9): the hiding rule in one sentence (too few here, the line above is it), then what a shown
              distribution gives away */}
          <p id={noteId} className="hint subtraction-note">
            {!tooFew && `${t('consensus.note', { people: board.minOthersToShow + 1 })} `}
            {t('consensus.alike')}
          </p>
          {canRun && (
            <button
              type="button"
              className="small"
              aria-label={t('consensus.revealLabel', { name: label })}
              aria-disabled={revealing}
              onClick={() => !revealing && session.send({ type: 'consensus.reveal', actionId: action.id })}
            >
              {t('consensus.reveal')}
            </button>
          )}
        </>
      ) : (
        <ConsensusOutcome board={board} action={action} />
      )}
    </div>
  );
}

/** A revealed check on its own (the summary): the doubt flag and the distribution, or why they do not show. */
export function ConsensusResult({ board, action }: { board: PublicBoardView; action: PublicAction }) {
  if (!action.consensus?.revealed) return null;
  return (
    <div className="consensus revealed">
      <ConsensusOutcome board={board} action={action} />
    </div>
  );
}

function ConsensusOutcome({ board, action }: { board: PublicBoardView; action: PublicAction }) {
  const { t } = useWords();
  const consensus = action.consensus;
  if (!consensus?.revealed) return null;
  return (
    <>
      {consensus.flagged && (
        <p className="flag" role="status">
          {t(doubtFlagKey(board.phase))}
        </p>
      )}
      {consensus.distribution ? (
        <>
          <p className="hint">{t('consensus.scale')}</p>
          <DistributionBars distribution={consensus.distribution} label={t('consensus.results')} />
        </>
      ) : (
        <p className="empty">{t('pulse.notEnough')}</p>
      )}
    </>
  );
}
