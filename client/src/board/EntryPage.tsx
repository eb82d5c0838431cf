import { useId, useRef, useState, type InputHTMLAttributes, type ReactNode } from 'react';
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
 * that does not fit refused under it, a hint, and a button. `onSubmit` gets the value as typed.
 * JN-10: the button stays enabled: pressed with nothing typed, `missing` says what is, under the field and as its
 * description (`aria-invalid`), and focus goes back into it. Disabled, the button was skipped by Tab, which went
 * from the empty field to nothing, and a button that takes no press said nothing of why.
 */
export function OneFieldForm({
  message,
  label,
  hint,
  submitLabel,
  missing,
  input,
  initialValue = '',
  onSubmit,
}: {
  message: string | null;
  label: string;
  hint: string;
  submitLabel: string;
  /** what a press with nothing typed says (JN-10) */
  missing: string;
  input: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;
  /** what the field holds to begin with (JN-8: the name last joined with here) */
  initialValue?: string;
  onSubmit: (value: string) => void;
}) {
  const [value, setValue] = useState(initialValue);
  const [askedEmpty, setAskedEmpty] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const ids = useId();
  const empty = !value.trim();
  const saysMissing = askedEmpty && empty;
  // UI-7: a name or a password cut by maxLength is not the one meant (a cut password is one nobody knows)
  const paste = usePasteThatFits();
  return (
    <form
      className="panel"
      // (the browser's own "Please fill out this field" came in the browser's language, not the page's)
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!empty) return onSubmit(value);
        setAskedEmpty(true);
        field.current?.focus();
      }}
    >
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      <label className="field">
        <span>{label}</span>
        <input
          {...input}
          {...paste.field}
          ref={field}
          value={value}
          aria-invalid={saysMissing || undefined}
          aria-describedby={saysMissing ? `${ids}-missing ${ids}-hint` : `${ids}-hint`}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      {saysMissing && (
        <p className="error" id={`${ids}-missing`}>
          {missing}
        </p>
      )}
      {paste.refusal}
      <p className="hint" id={`${ids}-hint`}>
        {hint}
      </p>
      <button type="submit" className="primary">
        {submitLabel}
      </button>
    </form>
  );
}
