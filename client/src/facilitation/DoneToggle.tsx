import { useWords } from '../i18n/useWords.js';
import { everyoneDone, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { LOCKED_LINE_ID, useReadOnly } from './useReadOnly.js';

/** DN-1: "I'm done" for the current stage (Write or Vote), for everyone; pressed again it takes it back. */
export function DoneToggle({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const { me, pending } = useSessionState();
  const readOnly = useReadOnly(board);
  const progress = board.progress;
  if (!progress) return null;
  const queued = [...pending].reverse().find((c) => c.type === 'done.mark');
  const done = queued && queued.type === 'done.mark' ? queued.done : Boolean(me?.done);
  const voting = progress.stage === 'vote';
  const label = done
    ? t(voting ? 'facilitation.done.votingDone' : 'facilitation.done.writingDone')
    : t(voting ? 'facilitation.done.voting' : 'facilitation.done.writing');
  return (
    <div className="done-toggle">
      <button type="button" aria-pressed={done} className={done ? 'primary' : ''} disabled={readOnly} aria-describedby={readOnly ? LOCKED_LINE_ID : undefined} onClick={() => session.send({ type: 'done.mark', done: !done })}>
        {label}
      </button>
      {done && <span className="hint">{t('facilitation.done.undoHint')}</span>}
    </div>
  );
}

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
