import { useWords } from '../i18n/useWords.js';
import { useState, type FormEvent } from 'react';
import { LIMITS } from '@candor/shared';
import { createTeam } from '../sync/api.js';
import { navigate } from '../navigation.js';
import { usePasteThatFits } from '../cards/pasteThatFits.js';

/** A team keeps its retros together, so the next one can start by looking at the promises of the last. */
export function StartTeamForm() {
  const { t } = useWords();
  const [name, setName] = useState('');
  const paste = usePasteThatFits();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      const { teamId } = await createTeam({ name: name.trim() });
      navigate(`/t/${teamId}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : t('home.createTeamFailed'));
      setBusy(false);
    }
  }

  return (
    <form className="panel create-form team-form" onSubmit={onSubmit} aria-labelledby="start-team-title">
      <h2 id="start-team-title">{t('home.startTeam')}</h2>
      <p className="hint">{t('home.teamHint')}</p>
      <label className="field">
        <span>{t('home.teamName')}</span>
        <input
          value={name}
          onChange={(e) => {
            paste.setRefused(null);
            setName(e.target.value);
          }}
          onPaste={paste.onPaste}
          maxLength={LIMITS.boardName}
          placeholder={t('home.teamPlaceholder')}
          required
        />
      </label>
      {paste.refused && (
        <p className="error paste-refused" role="alert">
          {paste.refused}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !name.trim()}>
        {busy ? t('home.creating') : t('home.createTeam')}
      </button>
    </form>
  );
}
