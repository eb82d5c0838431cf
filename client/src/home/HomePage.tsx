import { useState, type FormEvent } from 'react';
import { LIMITS, TEMPLATES, type CreateBoardResponse } from '@candor/shared';
import { createBoard } from '../sync/api.js';
import { StartTeamForm } from './StartTeamForm.js';
import { TemplatePicker } from './TemplatePicker.js';
import { CreatedLinks } from './CreatedLinks.js';

export function HomePage() {
  const [name, setName] = useState('');
  const [templateId, setTemplateId] = useState(TEMPLATES[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreateBoardResponse | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      setCreated(await createBoard({ name: name.trim(), templateId }));
    } catch (e) {
      setError(e instanceof Error ? e.message : 'We could not create the retro.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page narrow home">
      <header className="home-header">
        <p className="brand">Candor</p>
        <h1>Retros where it is safe to say “I don't know”</h1>
        <p className="lede">
          Everyone writes privately, cards are revealed without names, and the conversation ends with what each of us can do to
          help. No accounts: share a link and start.
        </p>
      </header>

      {created ? (
        <CreatedLinks created={created} name={name.trim()} />
      ) : (
        <form className="panel create-form" onSubmit={onSubmit}>
          <h2>Start a retro</h2>
          <label className="field">
            <span>Retro name</span>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={LIMITS.boardName}
              placeholder="e.g. Sprint 14 — what we learned"
              required
            />
          </label>
          <TemplatePicker value={templateId} onChange={setTemplateId} />
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            {busy ? 'Creating…' : 'Create retro'}
          </button>
        </form>
      )}
      <StartTeamForm />
    </main>
  );
}
