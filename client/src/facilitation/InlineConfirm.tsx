import { useWords } from '../i18n/useWords.js';

/**
 * CF-*: the small "are you sure?" that takes the place of a button (delete a card, an action, the retro; hand
 * over the role), for what one person undoes only with effort. What cannot be undone for everyone asks in a
 * ConfirmDialog instead. Focus lands on the way back out, so a second Enter never confirms by accident.
 */
export function InlineConfirm({
  question,
  hint,
  confirmLabel,
  cancelLabel,
  primary = false,
  busy = false,
  onConfirm,
  onCancel,
}: {
  /** the group's accessible name, e.g. "Delete this card?" */
  question: string;
  hint: string;
  confirmLabel: string;
  /** "Keep it" unless said otherwise */
  cancelLabel?: string;
  /** a positive step (hand over) rather than a destructive one */
  primary?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useWords();
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="hint">{hint}</span>
      <button type="button" className={`small ${primary ? 'primary' : 'danger'}`} disabled={busy} onClick={onConfirm}>
        {confirmLabel}
      </button>
      <button type="button" className="small" autoFocus onClick={onCancel}>
        {cancelLabel ?? t('running.keepIt')}
      </button>
    </span>
  );
}
