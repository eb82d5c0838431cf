import { useState } from 'react';
import { useSession, useSessionState } from './SessionContext.js';

/** BD-1: only the creator's browser (holding the facilitator link) sees this; it asks before deleting. */
export function DeleteBoard({ boardName }: { boardName: string }) {
  const session = useSession();
  const { joined } = useSessionState();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!session.holdsFacilitatorKey) return null;

  async function remove() {
    setBusy(true);
    const ack = await session.request({ type: 'board.delete' });
    setBusy(false);
    setConfirming(false);
    if (!ack.ok) session.say(ack.message);
  }

  return (
    <section className="panel danger-zone" aria-labelledby="delete-board-title">
      <h2 id="delete-board-title">Delete this retro</h2>
      {!confirming ? (
        <button type="button" className="small danger" disabled={!joined} onClick={() => setConfirming(true)}>
          Delete retro…
        </button>
      ) : (
        <div className="confirm" role="group" aria-label="Delete this retro for everyone?">
          <p className="hint">
            “{boardName}” and everything in it — cards, votes, notes, actions — will be gone for everyone, for good. Everyone here
            is sent away.
          </p>
          <div className="row">
            <button type="button" className="small danger" disabled={busy} onClick={() => void remove()}>
              Yes, delete it for everyone
            </button>
            <button type="button" className="small" autoFocus onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
