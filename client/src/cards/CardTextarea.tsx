import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useWords } from '../i18n/useWords.js';
import { formatNumber } from '../i18n/format.js';
import { emojiQuery, suggestEmoji } from './emoji.js';
import { focusWithCaretAtEnd } from '../a11y/caretAtEnd.js';
import { usePasteThatFits } from './pasteThatFits.js';
import { useCoarsePointer } from '../layout/useIsPhone.js';

/** From this share of the limit on, a counter shows how much room is left. */
const COUNTER_FROM = 0.8;

interface Suggesting {
  start: number;
  caret: number;
  items: (readonly [string, string])[];
  active: number;
}

/**
 * The text box for writing a card: Enter submits, Shift+Enter is a new line (the hint says so); a counter near
 * the limit; a paste that would not fit is refused with a message instead of being cut; `:smile` suggests emoji.
 * UI-7: on a touch screen the hint is `touchHint`: a phone's keyboard has no Shift+Enter to follow.
 */
export function CardTextarea({
  id,
  value,
  onChange,
  onSubmit,
  limit,
  hint,
  touchHint,
  placeholder,
  rows = 3,
  describedBy,
  inputRef,
  autoFocus,
}: {
  id: string;
  value: string;
  onChange: (text: string) => void;
  onSubmit: () => void;
  limit: number;
  hint: string;
  touchHint: string;
  placeholder?: string;
  rows?: number;
  describedBy?: string;
  inputRef?: RefObject<HTMLTextAreaElement | null>;
  /** focused when it opens, the caret after the words already there (an edit) */
  autoFocus?: boolean;
}) {
  const { t } = useWords();
  const own = useId();
  const [suggesting, setSuggesting] = useState<Suggesting | null>(null);
  const paste = usePasteThatFits();
  const touch = useCoarsePointer();
  const listId = `${own}-emoji`;
  const hintId = `${own}-hint`;
  const counterId = `${own}-counter`;
  const showCounter = value.length >= limit * COUNTER_FROM;
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const field = inputRef ?? ownRef;

  // once, when it opens: later renders (each key typed) leave the caret where the person put it
  useLayoutEffect(() => {
    if (autoFocus) focusWithCaretAtEnd(field.current);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // (the list loads on demand: only the latest look, if the text has not changed since, may show what it found)
  const lastLook = useRef(0);
  function lookForEmoji(text: string, caret: number) {
    const look = ++lastLook.current;
    const found = emojiQuery(text, caret);
    if (!found) return setSuggesting(null);
    void suggestEmoji(found.query).then((items) => {
      if (look === lastLook.current) setSuggesting(items.length ? { start: found.start, caret, items, active: 0 } : null);
    });
  }

  function insert(emoji: string) {
    if (!suggesting) return;
    const before = value.slice(0, suggesting.start);
    const next = `${before}${emoji} ${value.slice(suggesting.caret)}`;
    if (next.length > limit) return;
    onChange(next);
    setSuggesting(null);
    const caret = before.length + emoji.length + 1;
    requestAnimationFrame(() => inputRef?.current?.setSelectionRange(caret, caret));
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (suggesting) {
      const count = suggesting.items.length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const by = event.key === 'ArrowDown' ? 1 : -1;
        setSuggesting({ ...suggesting, active: (suggesting.active + by + count) % count });
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        insert(suggesting.items[suggesting.active]![1]);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setSuggesting(null);
        return;
      }
    }
    // Enter sends; Shift+Enter (and Enter while an input method is composing) is a new line.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      onSubmit();
    }
  }

  const active = suggesting ? `${listId}-${suggesting.active}` : undefined;
  return (
    <div className="card-textarea">
      <textarea
        id={id}
        ref={field}
        value={value}
        maxLength={limit}
        rows={rows}
        placeholder={placeholder}
        role={suggesting ? 'combobox' : undefined}
        aria-expanded={suggesting ? true : undefined}
        aria-autocomplete={suggesting ? 'list' : undefined}
        aria-controls={suggesting ? listId : undefined}
        aria-activedescendant={active}
        aria-describedby={[hintId, showCounter ? counterId : null, describedBy].filter(Boolean).join(' ')}
        onChange={(e) => {
          onChange(e.target.value);
          lookForEmoji(e.target.value, e.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        {...paste.field}
        onBlur={() => setSuggesting(null)}
      />
      {suggesting && (
        <ul className="emoji-suggestions" id={listId} role="listbox" aria-label={t('write.emoji')}>
          {suggesting.items.map(([name, emoji], i) => (
            <li
              key={name}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === suggesting.active}
              className={i === suggesting.active ? 'active' : ''}
              // mousedown, not click: the textarea keeps focus and the caret.
              onMouseDown={(e) => {
                e.preventDefault();
                insert(emoji);
              }}
            >
              <span aria-hidden="true">{emoji}</span> :{name}
            </li>
          ))}
        </ul>
      )}
      <div className="card-textarea-meta">
        <span id={hintId} className="hint">
          {touch ? touchHint : hint}
        </span>
        {showCounter && (
          <span id={counterId} className={`counter ${value.length >= limit ? 'full' : ''}`}>
            {t('write.counter', { count: formatNumber(value.length), limit: formatNumber(limit) })}
          </span>
        )}
      </div>
      {paste.refusal}
    </div>
  );
}
