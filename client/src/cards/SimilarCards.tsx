import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { PublicBoardView } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { useSession } from '../board/SessionContext.js';
import { itemsOf, shortText, type Item } from './items.js';
import { anchorOf, movesOf, similarSets, type SimilarSet } from './similarCards.js';
import { endOnce, useDragAnnouncer } from './dragSentences.js';
import { columnTitle } from '../i18n/templates.js';
import { currentLanguage } from '../i18n/index.js';
import { useIsPhone } from '../layout/useIsPhone.js';
import { ON_A_PHONE } from '../pulse/RevealPulse.js';

/**
 * GR-11: in Reveal, whoever may group is offered the cards that share a word ("Deploying on Fridays", "Friday deploys
 * hurt", "Deploy freeze on Friday"), folded to one line until "Show similar cards". "Group these" sends the groupings a
 * drag would (GR-1, each card with one card: of a group among them, else of the column most of them are in, `anchorOf`); "Not these" puts a suggestion
 * away on this screen. Worked out here from the public view; nothing is sent for it and nobody else sees it. A suggestion
 * that moves cards to another column says so before it is pressed ("2 from “Start” will move to “Stop”.") and after
 * (this panel's live region).
 */
export function SimilarCards({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const id = useId();
  const [open, setOpen] = useState(false);
  // suggestions grouped or put away on this screen (for the board's life on this page)
  const [away, setAway] = useState<ReadonlySet<string>>(() => new Set());
  const items = useMemo(() => itemsOf(board), [board]);
  const byId = useMemo(() => new Map(items.map((item) => [item.id, item])), [items]);
  const wording = useMemo(() => items.map((item) => ({ id: item.id, texts: item.kind === 'card' ? [item.card.text] : item.cards.map((c) => c.text) })), [items]);
  // worked out again when what the items say changes, not at every change of the board (who is here, a vote)
  const wordingKey = JSON.stringify(wording);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const sets = useMemo(() => similarSets(wording, away), [wordingKey, away]);
  const section = useRef<HTMLElement | null>(null);
  const toggle = useRef<HTMLButtonElement | null>(null);
  // UI-10: the suggestion pressed goes from under focus; focus goes to the one now in its place (the one before it, when
  // it was the last), or to the toggle when none is left
  const [focusAt, setFocusAt] = useState<number | null>(null);
  const { said, speak } = useDragAnnouncer();
  // PU-9: on a phone one row, short words ("2 suggestions to group", "Show"), so Reveal's cards start on the first screen
  const phone = useIsPhone();
  useLayoutEffect(() => {
    if (focusAt === null) return;
    setFocusAt(null);
    const left = section.current?.querySelectorAll<HTMLButtonElement>('button[data-similar]') ?? [];
    (left[Math.min(focusAt, left.length - 1)] ?? toggle.current)?.focus();
  }, [focusAt]);
  if (sets.length === 0 && !open) return null;

  const putAway = (set: SimilarSet, index: number) => {
    setAway((before) => new Set([...before, set.key]));
    setFocusAt(index);
  };
  const placed = (set: SimilarSet) =>
    set.itemIds.flatMap((itemId) => byId.get(itemId) ?? []).map((item) => ({ item, kind: item.kind, columnId: columnOf(item), cards: cardsOf(item).length }));
  const group = (set: SimilarSet, index: number) => {
    const members = placed(set);
    // a group among them keeps its cards and takes the others in; else a card of the column most of them are in (GR-9)
    const anchorItem = anchorOf(members)?.item;
    if (!anchorItem) return;
    const anchor = cardsOf(anchorItem)[0]!;
    for (const { item } of members) {
      if (item === anchorItem) continue;
      for (const cardId of cardsOf(item)) session.send({ type: 'card.group', cardId, withCardId: anchor });
    }
    const moves = movesOf(members)!;
    const count = members.reduce((sum, member) => sum + member.cards, 0);
    const column = titleOf(moves.to);
    speak(endOnce(moves.from.length === 0 ? t('reveal.similar.grouped', { count, column }) : t('reveal.similar.groupedMoved', { count, column, from: fromWhere(moves.from) })));
    putAway(set, index);
  };
  const words = (set: SimilarSet) => set.words.join(', ');
  const titles = new Map(board.columns.map((column) => [column.id, columnTitle(column)]));
  const titleOf = (columnId: string) => titles.get(columnId) ?? '';
  // "2 from “Start” and 1 from “Continue”"
  const fromWhere = (from: { columnId: string; cards: number }[]) =>
    new Intl.ListFormat(currentLanguage(), { type: 'conjunction' }).format(from.map(({ columnId, cards }) => t('reveal.similar.from', { count: cards, column: titleOf(columnId) })));
  /** before "Group these": what it moves to another column, if anything */
  const willMove = (set: SimilarSet): string | null => {
    const moves = movesOf(placed(set));
    if (!moves || moves.from.length === 0) return null;
    const count = moves.from.reduce((sum, { cards }) => sum + cards, 0);
    return endOnce(t('reveal.similar.willMove', { count, from: fromWhere(moves.from), column: titleOf(moves.to) }));
  };

  return (
    <section className="panel" style={phone ? ON_A_PHONE : undefined} aria-labelledby={`${id}-found`} ref={section}>
      <p className="row" style={{ margin: 0 }}>
        <span id={`${id}-found`}>{sets.length === 0 ? t('reveal.similar.none') : t(phone ? 'reveal.similar.foundShort' : 'reveal.similar.found', { count: sets.length })}</span>
        <button
          type="button"
          className="link small"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          // (a phone shows "Show": the name keeps what it shows)
          aria-label={phone ? t(open ? 'reveal.similar.hide' : 'reveal.similar.show') : undefined}
          ref={toggle}
          onClick={() => setOpen(!open)}>
          {t(open ? (phone ? 'reveal.similar.hideShort' : 'reveal.similar.hide') : phone ? 'reveal.similar.showShort' : 'reveal.similar.show')}
        </button>
      </p>
      {open && (
        <div id={`${id}-list`}>
          <p className="hint">{t('reveal.similar.note')}</p>
          <ul style={LIST}>
            {sets.map((set, index) => {
              const moving = willMove(set);
              return (
                <li key={set.key} style={SET}>
                  <p style={{ margin: 0 }}>{t('reveal.similar.shared', { words: words(set) })}</p>
                  <ul style={{ margin: '0.25rem 0', paddingLeft: '1.1rem' }}>
                    {set.itemIds.map((itemId) => (
                      <li key={itemId}>{itemText(t, byId.get(itemId))}</li>
                    ))}
                  </ul>
                  {moving && (
                    <p className="hint" id={`${id}-moves-${index}`} style={{ margin: '0 0 0.25rem' }}>
                      {moving}
                    </p>
                  )}
                  <p className="row" style={{ margin: 0 }}>
                    <button
                      type="button"
                      data-similar
                      aria-label={t('reveal.similar.groupFor', { words: words(set) })}
                      aria-describedby={moving ? `${id}-moves-${index}` : undefined}
                      onClick={() => group(set, index)}>
                      {t('reveal.similar.group')}
                    </button>
                    <button type="button" className="link small" aria-label={t('reveal.similar.dismissFor', { words: words(set) })} onClick={() => putAway(set, index)}>
                      {t('reveal.similar.dismiss')}
                    </button>
                  </p>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {/* what "Group these" did, said once (a language switch empties it, PL-7) */}
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {said}
      </p>
    </section>
  );
}

// (inline, as the look of this one list: the board's first load carries the stylesheet, and this part loads with Reveal)
const LIST = { listStyle: 'none', padding: 0, margin: 0 } as const;
const SET = { borderTop: '1px solid var(--line)', padding: '0.5rem 0' } as const;

function columnOf(item: Item): string {
  return item.kind === 'group' ? item.group.columnId : item.card.columnId;
}

function cardsOf(item: Item): string[] {
  return item.kind === 'card' ? [item.card.id] : item.cards.map((c) => c.id);
}

function itemText(t: ReturnType<typeof useWords>['t'], item: Item | undefined): string {
  if (!item) return '';
  if (item.kind === 'card') return shortText(item.card.text, 90);
  const title = item.group.title.trim() || item.cards.map((c) => shortText(c.text, 40)).join(' / ');
  return t('reveal.group', { title: shortText(title, 90) });
}
