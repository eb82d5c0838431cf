import { useWords } from '../i18n/useWords.js';
import { everyoneDone, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { useReadOnly } from './useReadOnly.js';

/** DN-2/DN-5: what the facilitator sees: "5 of 7 done" among the people here, and a reset. */
export function DoneProgress({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const { me, pending } = useSessionState();
  const readOnly = useReadOnly(board);
  const progress = board.progress;
  if (!progress) return null;
  // DN-1: her own "I'm done" is below the columns, out of sight: when hers is among the marks missing, the count says
  // so (her own mark only: nobody else is named here) and offers it, one press
  const queued = [...pending].reverse().find((c) => c.type === 'done.mark');
  const mineDone = queued && queued.type === 'done.mark' ? queued.done : Boolean(me?.done);
  const notMe = !mineDone && !readOnly && progress.done < progress.of;
  const label = progress.stage === 'vote' ? t('facilitation.done.labelVoting') : t('facilitation.done.labelWriting');
  return (
    <div className="done-progress">
      <h3>{t('facilitation.done.heading')}</h3>
      <p role="status" className={everyoneDone(progress) ? 'all-done' : ''}>
        <strong>{t('facilitation.done.countWriting', { done: progress.done, of: progress.of })}</strong> {label}
        {notMe && t('facilitation.done.notYou')}
        <span className="hint">{t('facilitation.done.hereNow')}</span>
      </p>
      {notMe && (
        <button type="button" className="small primary" onClick={() => session.send({ type: 'done.mark', done: true })}>
          {t('facilitation.done.markMe')}
        </button>
      )}
      <button type="button" className="small" disabled={progress.done === 0} onClick={() => session.send({ type: 'done.reset' })}>
        {t('facilitation.done.reset')}
      </button>
    </div>
  );
}
