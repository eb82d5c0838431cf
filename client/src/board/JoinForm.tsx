import { useState, type FormEvent } from 'react';
import { LIMITS } from '@candor/shared';

export function JoinForm({
  boardName,
  facilitator,
  message,
  onJoin,
}: {
  boardName: string | null;
  facilitator: boolean;
  message: string | null;
  onJoin: (name: string) => void;
}) {
  const [name, setName] = useState('');

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) onJoin(name.trim());
  }

  return (
    <main className="page narrow">
      <p className="brand">Candor</p>
      <h1>{boardName ? `Join “${boardName}”` : 'Join the retro'}</h1>
      <p className="lede">
        What you write stays private until the facilitator reveals it, and even then no card shows who wrote it. Saying “I
        don't know” is welcome here.
      </p>
      <form className="panel" onSubmit={onSubmit}>
        {message && (
          <p className="error" role="alert">
            {message}
          </p>
        )}
        <label className="field">
          <span>Your name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={LIMITS.displayName}
            autoComplete="nickname"
            placeholder="How the others know you"
            required
            autoFocus
          />
        </label>
        <p className="hint">
          {facilitator ? 'You are joining as the facilitator.' : 'No account needed. Your name is shown in the list of people here, never on your cards.'}
        </p>
        <button type="submit" className="primary" disabled={!name.trim()}>
          Join
        </button>
      </form>
    </main>
  );
}
