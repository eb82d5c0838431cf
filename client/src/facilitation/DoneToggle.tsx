import { everyoneDone, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { useReadOnly } from './useReadOnly.js';

/** DN-1: "I'm done" for the current stage (Write or Vote), for everyone; pressed again it takes it back. */
export function DoneToggle({ board }: { board: PublicBoardView }) {
  const session = useSession();
  const { me, pending } = useSessionState();
  const readOnly = useReadOnly(board);
  const progress = board.progress;
  if (!progress) return null;
  const queued = [...pending].reverse().find((c) => c.type === 'done.mark');
  const done = queued && queued.type === 'done.mark' ? queued.done : Boolean(me?.done);
  const what = progress.stage === 'vote' ? 'voting' : 'writing';
  return (
    <div className="done-toggle">
      <button type="button" aria-pressed={done} className={done ? 'primary' : ''} disabled={readOnly} onClick={() => session.send({ type: 'done.mark', done: !done })}>
        {done ? `✓ I'm done ${what}` : `I'm done ${what}`}
      </button>
      {done && <span className="hint">Changed your mind? Press again.</span>}
    </div>
  );
}

/** DN-2/DN-5: what the facilitator sees: "5 of 7 done" among the people here, and a reset. */
export function DoneProgress({ board }: { board: PublicBoardView }) {
  const session = useSession();
  const progress = board.progress;
  if (!progress) return null;
  const label = progress.stage === 'vote' ? 'have voted' : 'done writing';
  return (
    <div className="done-progress">
      <h3>Ready</h3>
      <p role="status" className={everyoneDone(progress) ? 'all-done' : ''}>
        <strong>
          {progress.done} of {progress.of}
        </strong>{' '}
        {label}
        <span className="hint"> (people here now)</span>
      </p>
      <button type="button" className="small" disabled={progress.done === 0} onClick={() => session.send({ type: 'done.reset' })}>
        Reset “done”
      </button>
    </div>
  );
}
