import { useWords } from '../i18n/useWords.js';
import { useEffect, useId, useRef } from 'react';
import * as Y from 'yjs';
import { spliceBetween } from './textDiff.js';
import { useSharedText } from './useSharedText.js';

const LOCAL = Symbol('candor-textarea');

/**
 * A textarea bound to a Y.Text in the notes document. Typing becomes one splice per input event; remote
 * edits replace the value while the caret stays where it was relative to the text around it.
 */
export function SharedTextarea({ textKey, label, readOnly, rows = 4, placeholder }: { textKey: string; label: string; readOnly?: boolean; rows?: number; placeholder?: string }) {
  const { t } = useWords();
  const text = useSharedText(textKey);
  const id = useId();
  return (
    <div className="shared-text field">
      <label htmlFor={id}>{label}</label>
      {text ? (
        <BoundTextarea id={id} text={text} readOnly={Boolean(readOnly)} rows={rows} placeholder={placeholder} />
      ) : (
        <textarea id={id} className="loading" readOnly rows={rows} value="" placeholder={t('discuss.loading')} aria-busy="true" />
      )}
    </div>
  );
}

function BoundTextarea({ id, text, readOnly, rows, placeholder }: { id: string; text: Y.Text; readOnly: boolean; rows: number; placeholder?: string }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const selection = useRef<{ start: Y.RelativePosition; end: Y.RelativePosition } | null>(null);

  useEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.value = text.toString();

    const remember = () => {
      // Only meaningful while the textarea shows exactly the shared text.
      if (area.value !== text.toString()) return;
      selection.current = {
        start: Y.createRelativePositionFromTypeIndex(text, area.selectionStart),
        end: Y.createRelativePositionFromTypeIndex(text, area.selectionEnd),
      };
    };

    const onInput = () => {
      const before = text.toString();
      const after = area.value;
      if (before === after) return;
      const { index, remove, insert } = spliceBetween(before, after);
      text.doc?.transact(() => {
        if (remove) text.delete(index, remove);
        if (insert) text.insert(index, insert);
      }, LOCAL);
      remember();
    };

    const onRemote = (_event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === LOCAL) return;
      const focused = document.activeElement === area;
      const saved = selection.current;
      area.value = text.toString();
      if (focused && saved && text.doc) {
        const start = Y.createAbsolutePositionFromRelativePosition(saved.start, text.doc);
        const end = Y.createAbsolutePositionFromRelativePosition(saved.end, text.doc);
        if (start && end) area.setSelectionRange(start.index, end.index);
      }
    };

    area.addEventListener('input', onInput);
    area.addEventListener('select', remember);
    area.addEventListener('keyup', remember);
    area.addEventListener('mouseup', remember);
    area.addEventListener('focus', remember);
    text.observe(onRemote);
    return () => {
      area.removeEventListener('input', onInput);
      area.removeEventListener('select', remember);
      area.removeEventListener('keyup', remember);
      area.removeEventListener('mouseup', remember);
      area.removeEventListener('focus', remember);
      text.unobserve(onRemote);
    };
  }, [text]);

  return <textarea id={id} ref={ref} readOnly={readOnly} rows={rows} placeholder={placeholder} />;
}
