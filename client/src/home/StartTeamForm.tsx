import { useWords } from '../i18n/useWords.js';
import { useState, type FormEvent } from 'react';
import { Refused } from '../sync/api.js';
import { createTeam } from '../sync/requests.js';
import { i18n } from '../i18n/index.js';
import { navigate } from '../navigation.js';
import { NameField } from './CreateRetroForm.js';

/** A team keeps its retros together, so the next one can start by looking at the promises of the last. */
export function StartTeamForm() {
  const { t } = useWords();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  // PL-1: kept as how to say it, so a switch of language says it anew
  const [error, setError] = useState<(() => string) | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      const { teamId } = await createTeam({ name: name.trim() });
      navigate(`/t/${teamId}`);
    } catch (e) {
      setError(() => (e instanceof Refused ? e.words : () => i18n.t('home.createTeamFailed')));
      setBusy(false);
    }
  }

  return (
    <form className="panel create-form team-form" onSubmit={onSubmit} aria-labelledby="start-team-title">
      <h2 id="start-team-title">{t('home.startTeam')}</h2>
      <p className="hint">{t('home.teamHint')}</p>
      <NameField label={t('home.teamName')} value={name} onChange={setName} placeholder={t('home.teamPlaceholder')} required />
      {error && (
        <p className="error" role="alert">
          {error()}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !name.trim()}>
        {busy ? t('home.creating') : t('home.createTeam')}
      </button>
    </form>
  );
}
