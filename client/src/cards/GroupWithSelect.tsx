import { useWords } from '../i18n/useWords.js';
import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import type { PublicCard, PublicGroup } from '@candor/shared';
import { useSession } from '../board/SessionContext.js';
import { shortText } from './items.js';

/**
 * "Group with…": opens a picker of the other cards; choosing one puts both in one group (or this card joins
 * the other's group). The picker exists only while open, so card texts are not repeated all over the page.
 */
export function GroupWithSelect({
  cardId,
  text,
  groupId,
  picker,
}: {
  cardId: string;
  text: string;
  groupId: string | null;
  /** GR-10: the cards column by column as the board shows them, each column under its title, and the groups */
  picker: () => PickerChoices;
}) {
  const { t } = useWords();
  const session = useSession();
  const id = useId();
  const [open, setOpen] = useState(false);
  // Open, its list follows the board (its card is drawn again only when that card changes): any change of the session
  // draws it anew. Closed, it listens to nothing.
  useSyncExternalStore(session.subscribe, open ? session.getState : closedState);
  const card = { id: cardId, text, groupId };
  // UI-14: a card the keys chose in the list, waiting for Enter
  const [chosen, setChosen] = useState('');
  const choosingByKeys = useRef(false);
  // UI-10: closing the picker (a choice, Escape, Cancel) gives focus back to the button that opened it, as a
  // disclosure does; left to the focus rescue it went to the first control of the card or column, another card's grip
  const opener = useRef<HTMLButtonElement | null>(null);
  const refocus = useRef(false);
  useEffect(() => {
    // (on mount too: the card drawn anew where its grouping moved it, see `focusWhenDrawn`)
    if (open || !(refocus.current || focusWhenDrawn === card.id)) return;
    refocus.current = false;
    focusWhenDrawn = null;
    opener.current?.focus();
  }, [open, card.id]);
  const close = () => {
    refocus.current = true;
    setChosen('');
    setOpen(false);
  };
  const groupWith = (withCardId: string) => {
    focusWhenDrawn = card.id;
    session.send({ type: 'card.group', cardId: card.id, withCardId });
    close();
  };
  const isOther = (c: PublicCard) => c.id !== card.id && !(card.groupId && c.groupId === card.groupId);
  // Closed, it is only the button (its card's list says whether there is another card to group with): the list is
  // built when opened, not for each of 1,500 cards on every render.
  if (!open) {
    return (
      // UI-10: gone from under focus (its card grouped with the last card outside), focus goes to the card's "Ungroup"
      <button
        type="button"
        className="link small"
        aria-expanded={false}
        aria-label={groupWithLabel(t, card.text)}
        data-focus-twin={t('reveal.ungroupFor', { name: shortText(card.text, 40) })}
        ref={opener}
        onClick={() => setOpen(true)}
      >
        {t('reveal.groupWith')}
      </button>
    );
  }

  const { columns: inScreenOrder, groups } = picker();
  const columns = inScreenOrder
    .map(({ id, title, cards: inColumn }) => ({ id, title, others: inColumn.filter(isOther) }))
    .filter((column) => column.others.length > 0);
  if (columns.length === 0) return null;
  return (
    <span className="group-with">
      <label htmlFor={id} className="visually-hidden">
        {t('reveal.chooseCard')}
      </label>
      <select
        id={id}
        value={chosen}
        autoFocus
        aria-describedby={chosen ? `${id}-enter` : undefined}
        onPointerDown={() => (choosingByKeys.current = false)}
        onChange={(e) => {
          const withCardId = e.target.value;
          // UI-14: the arrow keys (and typing a card's first letters) move through a closed list, changing its value
          // at each press: that only chooses, or reading the choices grouped this card with the first one. A tap or
          // click on a card in the opened list, or Enter, groups.
          if (choosingByKeys.current) {
            choosingByKeys.current = false;
            setChosen(withCardId);
          } else if (withCardId) groupWith(withCardId);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
          else if (e.key === 'Enter' && chosen) {
            e.preventDefault();
            groupWith(chosen);
          } else choosingByKeys.current = MOVES_THROUGH_LIST.has(e.key) || (e.key.length === 1 && e.key !== ' ');
        }}
      >
        <option value="">{t('reveal.chooseCardOption')}</option>
        {columns.map(({ id, title, others }) => (
          <optgroup key={id} label={title}>
            {others.map((other) => {
              const group = other.groupId ? groups.get(other.groupId) : undefined;
              const suffix = group ? (group.title ? t('reveal.inGroup', { title: shortText(group.title, 20) }) : t('reveal.inAGroup')) : '';
              return (
                <option key={other.id} value={other.id}>
                  {shortText(other.text, 50)}
                  {suffix}
                </option>
              );
            })}
          </optgroup>
        ))}
      </select>
      <button type="button" className="link small" onClick={close}>
        {t('app.cancel')}
      </button>
      {chosen && (
        <span id={`${id}-enter`} className="hint">
          {t('reveal.enterGroups')}
        </span>
      )}
    </span>
  );
}

/** GR-10: what "Group with…" lists, read when it opens */
export type PickerChoices = { columns: { id: string; title: string; cards: PublicCard[] }[]; groups: Map<string, PublicGroup> };

const closedState = () => null;

/**
 * UI-14: the card whose "Group with…" takes focus when it is drawn again. OW-1 draws my grouping at once, in the same
 * render that closes the picker, so the card moves into its group there and then: this picker is unmounted before its
 * effect can give focus back, and a new one is drawn in the group. That one takes focus, once.
 */
let focusWhenDrawn: string | null = null;

/** WG-2: "Ungroup" moves its card out at once too (my pending ungrouping is drawn), so the card's "Group with…" drawn where it now stands takes focus. */
export function focusGroupWithWhenDrawn(cardId: string): void {
  focusWhenDrawn = cardId;
}

/** the keys that move through a closed list's choices */
const MOVES_THROUGH_LIST = new Set(['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageDown', 'PageUp']);

/**
 * The opener's name says which card it acts on, by its words (never its author); the same card's "Ungroup" sends
 * focus here when it goes away with the group (the focus rescue finds the one button of this name, UI-10).
 */
export function groupWithLabel(t: ReturnType<typeof useWords>['t'], text: string): string {
  return t('reveal.groupWithFor', { name: shortText(text, 40) });
}
