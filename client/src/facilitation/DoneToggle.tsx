import { useWords } from '../i18n/useWords.js';
import type { PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { LOCKED_LINE_ID, useReadOnly } from './useReadOnly.js';
import { doneNow } from './doneNow.js';

/** DN-1: "I'm done" for the current stage (Write or Vote), for everyone; pressed again it takes it back. */
export function DoneToggle({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const { me, pending } = useSessionState();
  const readOnly = useReadOnly(board);
  const progress = board.progress;
  if (!progress) return null;
  const done = doneNow(progress, me, pending);
  const voting = progress.stage === 'vote';
  const label = done
    ? t(voting ? 'facilitation.done.votingDone' : 'facilitation.done.writingDone')
    : t(voting ? 'facilitation.done.voting' : 'facilitation.done.writing');
  return (
    <div className="done-toggle">
      <button type="button" aria-pressed={done} className={done ? 'primary' : ''} disabled={readOnly} aria-describedby={readOnly ? LOCKED_LINE_ID : undefined} onClick={() => session.send({ type: 'done.mark', done: !done, stage: progress.stage })}>
        {label}
      </button>
      {done && <span className="hint">{t('facilitation.done.undoHint')}</span>}
    </div>
  );
}
