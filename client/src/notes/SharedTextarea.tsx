import { useWords } from '../i18n/useWords.js';
import { useEffect, useId, useRef } from 'react';
import * as Y from 'yjs';
import { TextBinding, type TextField } from './textBinding.js';
import { useSharedText } from './useSharedText.js';
import { showWholeOnFocus } from '../a11y/wholeInSight.js';

/**
 * A textarea bound to a Y.Text in the notes document (`TextBinding`): typing becomes one splice per input event;
 * someone else's edit replaces the value while the caret stays beside the same characters.
 */
export function SharedTextarea({
  textKey,
  label,
  name,
  readOnly,
  rows = 4,
  placeholder,
  describedBy,
}: {
  textKey: string;
  /** the words over the field */
  label: string;
  /** UI-27: its name to a screen reader where the page has several alike: the label, then whose it is ("Action: …") */
  name?: string;
  readOnly?: boolean;
  rows?: number;
  placeholder?: string;
  /** what else the field is described by (LK-1: why it is read-only) */
  describedBy?: string;
}) {
  const { t } = useWords();
  const text = useSharedText(textKey);
  const id = useId();
  return (
    <div className="shared-text field">
      <label htmlFor={id}>{label}</label>
      {text ? (
        <BoundTextarea id={id} text={text} name={name} readOnly={Boolean(readOnly)} rows={rows} placeholder={placeholder} describedBy={describedBy} />
      ) : (
        <textarea id={id} className="loading" aria-label={name} readOnly rows={rows} value="" placeholder={t('discuss.loading')} aria-busy="true" />
      )}
    </div>
  );
}

function BoundTextarea({ id, text, name, readOnly, rows, placeholder, describedBy }: { id: string; text: Y.Text; name: string | undefined; readOnly: boolean; rows: number; placeholder?: string; describedBy?: string }) {
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const area = ref.current;
    if (!area) return;
    const binding = new TextBinding(fieldOf(area), text);
    const typed = () => binding.typed();
    const remember = () => binding.remember();
    const caretEvents = ['select', 'keyup', 'mouseup', 'focus'] as const;
    area.addEventListener('input', typed);
    for (const event of caretEvents) area.addEventListener(event, remember);
    return () => {
      area.removeEventListener('input', typed);
      for (const event of caretEvents) area.removeEventListener(event, remember);
      binding.destroy();
    };
  }, [text]);

  return <textarea id={id} ref={ref} aria-label={name} aria-describedby={describedBy} readOnly={readOnly} rows={rows} placeholder={placeholder} onFocus={showWholeOnFocus} />;
}

/** The textarea as the binding sees it. */
function fieldOf(area: HTMLTextAreaElement): TextField {
  return {
    get value() {
      return area.value;
    },
    set value(value: string) {
      area.value = value;
    },
    get selectionStart() {
      return area.selectionStart;
    },
    get selectionEnd() {
      return area.selectionEnd;
    },
    setSelectionRange: (start, end) => area.setSelectionRange(start, end),
    get focused() {
      return document.activeElement === area;
    },
  };
}
