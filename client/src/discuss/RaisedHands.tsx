import { useWords } from '../i18n/useWords.js';
import type { PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { LOCKED_LINE_ID, useReadOnly } from '../facilitation/useReadOnly.js';

/** RX-1: raise or lower my hand; everyone sees whose hands are up, first raised first. */
export function RaisedHands({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const { me } = useSessionState();
  const raised = me?.handRaised ?? false;
  // LK-1: locked, the hand stays as it is (the server would refuse), and the button says why
  const readOnly = useReadOnly(board);
  return (
    <div className="hands">
      <button
        type="button"
        className={`toggle ${raised ? 'on' : ''}`}
        aria-pressed={raised}
        disabled={readOnly}
        aria-describedby={readOnly ? LOCKED_LINE_ID : undefined}
        onClick={() => session.send({ type: 'hand.raise', raised: !raised })}
      >
        <span aria-hidden="true">✋</span> {raised ? t('running.lowerHand') : t('running.raiseHand')}
      </button>
      {board.raisedHands.length > 0 && (
        <p className="hands-up" role="status">
          <span aria-hidden="true">✋</span> {t('running.handsUp', { names: board.raisedHands.map((h) => h.name).join(', ') })}
        </p>
      )}
    </div>
  );
}
