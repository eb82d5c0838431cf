import { useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { useWords } from '../i18n/useWords.js';
import { Preferences } from '../theme/Preferences.js';
import { usePasteThatFits } from '../cards/pasteThatFits.js';

/** What someone sees before the board: the join form and the door (JN-*) share this frame. */
export function EntryPage({ title, lede, children }: { title: string; lede?: string; children: ReactNode }) {
  const { t } = useWords();
  return (
    <main className="page narrow">
      <div className="top-row">
        <p className="brand">{t('app.brand')}</p>
        <Preferences />
      </div>
      <h1>{title}</h1>
      {lede && <p className="lede">{lede}</p>}
      {children}
    </main>
  );
}

/**
 * One field and one button (a name to join with, a board's password): the refusal above it, the field, a paste
 * that does not fit refused under it, a hint, and a button that waits for something to send. `onSubmit` gets the value as typed.
 */
export function OneFieldForm({
  message,
  label,
  hint,
  submitLabel,
  input,
  initialValue = '',
  onSubmit,
}: {
  message: string | null;
  label: string;
  hint: string;
  submitLabel: string;
  input: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;
  /** what the field holds to begin with (JN-8: the name last joined with here) */
  initialValue?: string;
  onSubmit: (value: string) => void;
}) {
  const [value, setValue] = useState(initialValue);
  // UI-7: a name or a password cut by maxLength is not the one meant (a cut password is one nobody knows)
  const paste = usePasteThatFits();
  return (
    <form
      className="panel"
      onSubmit={(event) => {
        event.preventDefault();
        if (value.trim()) onSubmit(value);
      }}
    >
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      <label className="field">
        <span>{label}</span>
        <input {...input} {...paste.field} value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      {paste.refusal}
      <p className="hint">{hint}</p>
      <button type="submit" className="primary" disabled={!value.trim()}>
        {submitLabel}
      </button>
    </form>
  );
}
