import { useTranslation } from 'react-i18next';
import { useState, type FormEvent } from 'react';
import { LIMITS } from '@candor/shared';
import { LanguageSwitch } from '../i18n/LanguageSwitch.js';

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
  const { t } = useTranslation();
  const [name, setName] = useState('');

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) onJoin(name.trim());
  }

  return (
    <main className="page narrow">
      <div className="top-row">
        <p className="brand">{t('app.brand')}</p>
        <LanguageSwitch />
      </div>
      <h1>{boardName ? t('join.title', { name: boardName }) : t('join.titleUnknown')}</h1>
      <p className="lede">{t('join.lede')}</p>
      <form className="panel" onSubmit={onSubmit}>
        {message && (
          <p className="error" role="alert">
            {message}
          </p>
        )}
        <label className="field">
          <span>{t('join.yourName')}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={LIMITS.displayName}
            autoComplete="nickname"
            placeholder={t('join.namePlaceholder')}
            required
            autoFocus
          />
        </label>
        <p className="hint">
          {facilitator ? t('join.asFacilitator') : t('join.asParticipant')}
        </p>
        <button type="submit" className="primary" disabled={!name.trim()}>
          {t('join.join')}
        </button>
      </form>
    </main>
  );
}
