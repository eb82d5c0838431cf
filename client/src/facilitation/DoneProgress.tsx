import { useWords } from '../i18n/useWords.js';
import { everyoneDone, type PublicBoardView } from '@candor/shared';
import { useSession } from '../board/SessionContext.js';
import { useOwnMarkMissing } from '../board/useOwnMarkMissing.js';

/** DN-2/DN-5: what the facilitator sees: "5 of 7 done" among the people here, and a reset. */
export function DoneProgress({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const progress = board.progress;
  // DN-3: when hers is among the marks missing, the count says so (her own mark only: nobody else is named here) and
  // offers it, one press (a locked board is not locked to her)
  const notMe = useOwnMarkMissing(progress);
  if (!progress) return null;
  const label = progress.stage === 'vote' ? t('facilitation.done.labelVoting') : t('facilitation.done.labelWriting');
  return (
    // UI-10: a control here used up ("Reset “done”" disabled, her "I'm done" gone with her mark) hands focus on to the
    // step buttons' group, never to the other control here, whose next Enter would wipe the room's marks or mark her
    <div className="done-progress" data-rescue-skip>
      <h3>{t('facilitation.done.heading')}</h3>
      <p role="status" className={everyoneDone(progress) ? 'all-done' : ''}>
        <strong>{t('facilitation.done.countWriting', { done: progress.done, of: progress.of })}</strong> {label}
        {notMe && t('facilitation.done.notYou')}
        <span className="hint">{t('facilitation.done.hereNow')}</span>
      </p>
      {notMe && (
        <button type="button" className="small primary" onClick={() => session.send({ type: 'done.mark', done: true, stage: progress.stage })}>
          {t('facilitation.done.markMe')}
        </button>
      )}
      <button type="button" className="small" disabled={progress.done === 0} onClick={() => session.send({ type: 'done.reset' })}>
        {t('facilitation.done.reset')}
      </button>
    </div>
  );
}
