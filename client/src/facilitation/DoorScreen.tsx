import { useState, type FormEvent } from 'react';
import { LIMITS } from '@candor/shared';
import type { Door } from '../sync/BoardSession.js';
import { useSession } from '../board/SessionContext.js';

/** JN-*, RM-1: what a person sees while the board does not let them in: a password field, a wait, or why not. */
export function DoorScreen({ door, boardName }: { door: Door; boardName: string | null }) {
  const session = useSession();
  const [password, setPassword] = useState('');

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (password) session.enterPassword(password);
  }

  return (
    <main className="page narrow">
      <p className="brand">Candor</p>
      <h1>{boardName ? `“${boardName}”` : 'This retro'}</h1>
      {door.kind === 'password' && (
        <form className="panel" onSubmit={onSubmit}>
          {door.message && (
            <p className="error" role="alert">
              {door.message}
            </p>
          )}
          <label className="field">
            <span>Board password</span>
            <input type="password" value={password} maxLength={LIMITS.boardPassword} autoFocus onChange={(e) => setPassword(e.target.value)} />
          </label>
          <p className="hint">The facilitator set a password for this retro. Ask them for it if you do not have it.</p>
          <button type="submit" className="primary" disabled={!password}>
            Enter
          </button>
        </form>
      )}
      {door.kind === 'knocking' && (
        <section className="panel" aria-labelledby="door-title">
          <h2 id="door-title">You knocked</h2>
          <p role="status">{door.message}</p>
          <p className="hint">Keep this page open; you come in as soon as they let you.</p>
        </section>
      )}
      {door.kind === 'shut' && (
        <section className="panel" aria-labelledby="door-title">
          <h2 id="door-title">You are not on this board</h2>
          <p role="alert">{door.message}</p>
          {door.canKnockAgain && (
            <button type="button" onClick={() => session.knockAgain()}>
              Try again
            </button>
          )}
        </section>
      )}
    </main>
  );
}
