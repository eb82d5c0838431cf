import { useEffect, useRef, useState, type FormEvent } from 'react';
import { LIMITS, type PublicBoardView, type ReviewItem, type ReviewStatus } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { shortText } from '../cards/items.js';
import { TrustPulse } from '../pulse/TrustPulse.js';
import { ColumnEditor } from '../columns/ColumnEditor.js';
import { PhaseIntro } from './PhaseView.js';

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = { done: 'Done', 'not-done': 'Not done', dropped: 'Dropped' };
/** AK-4: an ask of someone outside the room is reviewed as "was it answered?" */
export const ASK_STATUS_LABELS: Record<ReviewStatus, string> = { done: 'Answered', 'not-done': 'Not answered', dropped: 'Dropped' };
export const statusLabels = (item: Pick<ReviewItem, 'askOf'>) => (item.askOf ? ASK_STATUS_LABELS : REVIEW_STATUS_LABELS);

export function ReviewPhase({ board }: { board: PublicBoardView }) {
  const { isFacilitator } = useSessionState();
  const reviewed = board.review.filter((r) => r.status !== null).length;
  return (
    <>
      <PhaseIntro title="Review: promises from earlier retros">
        Before we write, a look back at what we said we would do. Kept promises are how trust grows; a promise that slipped is
        a question about our system, not about a person: what got in the way?
      </PhaseIntro>
      <TrustPulse board={board} />
      <section className="panel review" aria-labelledby="review-title">
        <h2 id="review-title">
          Open promises <span className="count hint">{board.review.length ? `${reviewed} of ${board.review.length} reviewed` : ''}</span>
        </h2>
        {board.review.length === 0 ? (
          <p className="empty">No open promises from earlier retros — this is a fresh start.</p>
        ) : (
          <ul className="review-items">
            {board.review.map((item) => (
              <li key={item.ref}>
                <ReviewEntry item={item} canMark={isFacilitator} />
              </li>
            ))}
          </ul>
        )}
        {!isFacilitator && board.review.length > 0 && <p className="hint">The facilitator records what the room says about each one.</p>}
      </section>
      {isFacilitator && <ColumnEditor board={board} />}
    </>
  );
}

function ReviewEntry({ item: confirmed, canMark }: { item: ReviewItem; canMark: boolean }) {
  const session = useSession();
  const { pending } = useSessionState();
  // What I marked but the server has not confirmed yet shows at once, so the controls do not lag.
  const queued = [...pending].reverse().find((c) => c.type === 'review.mark' && c.ref === confirmed.ref);
  const item: ReviewItem =
    queued?.type === 'review.mark'
      ? { ...confirmed, status: queued.status, reason: queued.status === 'not-done' ? (queued.reason ?? null) : null, carry: queued.status === 'not-done' && Boolean(queued.carry) }
      : confirmed;
  const short = shortText(item.text || 'this action', 60);
  const labels = statusLabels(item);
  const mark = (status: ReviewStatus, extra: { reason?: string | null; carry?: boolean } = {}) =>
    session.send({ type: 'review.mark', ref: item.ref, status, ...(status === 'not-done' ? { reason: extra.reason ?? item.reason, carry: extra.carry ?? item.carry } : {}) });

  return (
    <article className={`review-item ${item.status ?? 'open'}`} aria-label={`Promise: ${short}`}>
      <p className="action-text">{item.text || 'An action without text'}</p>
      {item.askOf && (
        <p className="ask-question">
          <span className="badge ask">Ask</span> We asked <strong>{item.askOf}</strong>. Was it answered?
        </p>
      )}
      <p className="hint">
        {item.askOf ? '' : item.owners.length ? `Helping: ${item.owners.join(', ')}` : 'Nobody had volunteered'}
        {item.dueDate ? ` · due ${item.dueDate}` : ''} · from “{item.fromRetro}”
      </p>
      <p className="review-status">
        {item.status ? (
          <span className={`status-pill ${item.status}`}>{labels[item.status]}</span>
        ) : (
          <span className="status-pill open">Not reviewed yet</span>
        )}
        {item.status === 'not-done' && item.reason && <span className="hint"> What got in the way: {item.reason}</span>}
        {item.status === 'not-done' && item.carry && <span className="badge">Carried forward</span>}
      </p>
      {canMark && (
        <>
          <div className="row review-buttons" role="group" aria-label={`Mark: ${short}`}>
            {(['done', 'not-done', 'dropped'] as const).map((status) => (
              <button
                key={status}
                type="button"
                className={`small toggle ${item.status === status ? 'on' : ''}`}
                aria-pressed={item.status === status}
                aria-label={`${labels[status]}: ${short}`}
                onClick={() => mark(status)}
              >
                {labels[status]}
              </button>
            ))}
          </div>
          {item.status === 'not-done' && <NotDoneDetails item={item} onSave={(reason, carry) => mark('not-done', { reason, carry })} />}
        </>
      )}
    </article>
  );
}

function NotDoneDetails({ item, onSave }: { item: ReviewItem; onSave: (reason: string | null, carry: boolean) => void }) {
  const [reason, setReason] = useState(item.reason ?? '');
  // The last reason sent, so a blur followed by a submit does not send it twice.
  const sent = useRef(item.reason ?? '');
  useEffect(() => {
    setReason(item.reason ?? '');
    sent.current = item.reason ?? '';
  }, [item.reason]);
  const inputId = `reason-${item.ref.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const trimmed = reason.trim();

  function save() {
    if (trimmed === sent.current) return;
    sent.current = trimmed;
    onSave(trimmed || null, item.carry);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save();
  }

  return (
    <form className="not-done-details" onSubmit={onSubmit}>
      <label htmlFor={inputId} className="field-label">
        What got in the way?
      </label>
      <div className="row">
        <input
          id={inputId}
          className="grow"
          value={reason}
          maxLength={LIMITS.reviewReason}
          placeholder="The system, not the person: a blocker, a missing tool, too little time…"
          onChange={(e) => setReason(e.target.value)}
          onBlur={save}
        />
        <button type="submit" className="small" disabled={trimmed === (item.reason ?? '')}>
          Save reason
        </button>
      </div>
      <label className="check">
        <input type="checkbox" checked={item.carry} onChange={(e) => onSave(trimmed || null, e.target.checked)} />
        Carry forward
      </label>
    </form>
  );
}
