import { useEffect, useRef, type ReactNode } from 'react';
import { useWords } from '../i18n/useWords.js';

/**
 * CF-1: a modal question before something nobody can undo. Uses the native <dialog> (focus is trapped and
 * Escape cancels); the confirming button says what it does, so "OK" never has to be read in context.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  danger,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** what staying means, when "Cancel" would not say it */
  cancelLabel?: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useWords();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="confirm-title" onCancel={onCancel}>
      <h2 id="confirm-title">{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="row dialog-buttons">
        <button type="button" onClick={onCancel}>
          {cancelLabel ?? t('facilitation.confirm.cancel')}
        </button>
        <button type="button" className={danger ? 'danger-solid' : 'primary'} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
