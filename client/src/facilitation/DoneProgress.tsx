import { useWords } from '../i18n/useWords.js';
import { everyoneDone, type PublicBoardView } from '@candor/shared';
import { useSession } from '../board/SessionContext.js';

/** DN-2/DN-5: what the facilitator sees: "5 of 7 done" among the people here, and a reset. */
export function DoneProgress({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const progress = board.progress;
  if (!progress) return null;
  const label = progress.stage === 'vote' ? t('facilitation.done.labelVoting') : t('facilitation.done.labelWriting');
  return (
    <div className="done-progress">
      <h3>{t('facilitation.done.heading')}</h3>
      <p role="status" className={everyoneDone(progress) ? 'all-done' : ''}>
        <strong>{t('facilitation.done.countWriting', { done: progress.done, of: progress.of })}</strong> {label}
        <span className="hint">{t('facilitation.done.hereNow')}</span>
      </p>
      <button type="button" className="small" disabled={progress.done === 0} onClick={() => session.send({ type: 'done.reset' })}>
        {t('facilitation.done.reset')}
      </button>
    </div>
  );
}
