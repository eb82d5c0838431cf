import { useWords } from '../i18n/useWords.js';
import { memo, useCallback, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { allowedIn, type PublicBoardView, type PublicCard, type PublicGroup } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { columnPrompt, columnTitle } from '../i18n/templates.js';
import { ColumnsView } from '../layout/ColumnsView.js';
import { markWhenDrawn } from '../layout/markWhenDrawn.js';
import { CardTile } from './CardTile.js';
import { GroupBox } from './GroupBox.js';
import { GroupWithSelect, focusGroupWithWhenDrawn, groupWithLabel, type PickerChoices } from './GroupWithSelect.js';
import { columnEntries, shortText, walkSteps } from './items.js';
import { ColumnDropZone, DragToGroup, DraggableCard, GroupDropZone } from './DragToGroup.js';
import { pendingCardChanges } from './pendingChanges.js';
import { withPendingGroupings } from './pendingGroupings.js';
import { cardsInScreenOrder, groupMembers } from './screenOrder.js';
import { useReadOnly } from '../facilitation/useReadOnly.js';
import { useCoarsePointer, useIsPhone } from '../layout/useIsPhone.js';
import { ColumnWalkStatus, useInView } from './ColumnWalk.js';

/**
 * Revealed cards in their columns, in the order the server gave (which says nothing about who wrote what).
 * A group is drawn in its own column (GR-9: where it was dropped), at the place of its first card in that
 * order. `renderItemExtras` adds per-item controls (votes).
 */
export function RevealedColumns({ board: fromServer, renderItemExtras }: { board: PublicBoardView; renderItemExtras?: (itemId: string, label: string) => ReactNode }) {
  const { t } = useWords();
  const { me, pending, settled, isFacilitator, connection, joined } = useSessionState();
  const readOnly = useReadOnly(fromServer);
  const myIds = new Set(me?.cards.map((c) => c.id) ?? []);
  const mySigned = new Set(me?.cards.filter((c) => c.signed).map((c) => c.id) ?? []);
  const canSign = allowedIn('card.sign', fromServer.phase) && !readOnly;
  const canHide = allowedIn('card.hide', fromServer.phase) && isFacilitator;
  // UI-20: an edit or delete the server accepted stays shown until the board document carries it too (`boardShows`).
  const { edits, deletes } = pendingCardChanges(pending);
  const accepted = pendingCardChanges(settled);
  for (const id of accepted.deletes) deletes.add(id);
  // GR-8: with grouping kept to the facilitator, others see the groups but cannot change them.
  const canGroup = allowedIn('card.group', fromServer.phase) && (!fromServer.groupingFacilitatorOnly || isFacilitator) && !readOnly;
  // OW-1: while the connection is down, my groupings not yet sent show at once, marked, until the server's board
  // carries them (or it refuses them). Connected, the room's answer comes within moments and the board shows it as
  // it did before OW-1: drawn ahead and then again as the room's, a card was drawn twice in a moment, and a drag
  // begun on it in between (as a test begins one at once) came to nothing.
  const offline = connection !== 'connected' || !joined;
  const { board, waiting, waitingCards } = withPendingGroupings(fromServer, canGroup && offline ? pending : []);
  const groups = new Map(board.groups.map((g) => [g.id, g]));
  const cardsById = new Map(board.cards.map((c) => [c.id, c]));
  const canEdit = allowedIn('card.edit', board.phase) && !readOnly;
  // UI-14: on a touch screen a drag fights scrolling; the tap path ("Group with…", "Take out of group") replaces it.
  const coarse = useCoarsePointer();
  // WF-9: where the columns are tabs (ColumnsView), the tab counts the cards
  const phone = useIsPhone();
  const canDrag = canGroup && !coarse;
  const visible = board.cards.filter((c) => !deletes.has(c.id));
  // UI-32: the card whose "⋯" menu is open, kept here so it stays open when its card moves (grouped, ungrouped)
  const [menuOf, setMenuOf] = useState<string | null>(null);
  // For `pnpm bench` (reveal to screen): marks the moment the revealed cards are drawn.
  useLayoutEffect(() => (board.cards.length > 0 ? markWhenDrawn('candor:cards-rendered', { count: board.cards.length }) : undefined), [board.cards.length]);

  // Each card is drawn by `RevealedCard` from plain values and callbacks that stay the same from one redraw to the next,
  // so a change of the board (a grouping, a vote, someone joining) redraws only the cards it changed: on a phone slowed
  // 4 times, redrawing all of them was a long task at every change (walk memo).
  const onMenu = useCallback((cardId: string, open: boolean) => setMenuOf(open ? cardId : (current) => (current === cardId ? null : current)), []);
  /** GR-10: "Group with…"'s list, built when a picker opens, from the board as last drawn */
  const pickerOf = useRef<() => PickerChoices>(() => ({ columns: [], groups }));
  pickerOf.current = () => ({ columns: cardsInScreenOrder(board.columns, visible, groups, deletes).map(({ column, cards }) => ({ id: column.id, title: columnTitle(column), cards })), groups });
  const picker = useCallback(() => pickerOf.current(), []);
  // GroupWithSelect's button shows when there is another card to group with: one outside this (shown) card's group
  const inGroupCount = new Map<string, number>();
  for (const c of visible) if (c.groupId) inGroupCount.set(c.groupId, (inGroupCount.get(c.groupId) ?? 0) + 1);
  const hasOther = (card: PublicCard) => visible.length > (card.groupId ? (inGroupCount.get(card.groupId) ?? 0) : 1);

  function renderCard(card: PublicCard, inGroup: boolean) {
    const own = myIds.has(card.id);
    return (
      <RevealedCard
        key={card.id}
        cardId={card.id}
        text={edits.get(card.id) ?? accepted.edits.get(card.id) ?? card.text}
        label={card.text}
        groupId={card.groupId}
        inGroup={inGroup}
        own={own}
        editable={canEdit}
        sending={edits.has(card.id) || waitingCards.has(card.id)}
        edited={card.edited}
        signedBy={card.signedBy}
        signable={own && canSign}
        signed={mySigned.has(card.id)}
        hideable={canHide}
        menuOpen={menuOf === card.id}
        onMenu={onMenu}
        canGroup={canGroup}
        canDrag={canDrag}
        hasOther={canGroup && hasOther(card)}
        picker={picker}
        extras={inGroup ? undefined : renderItemExtras}
        presentable={!inGroup && presentable(card.columnId)}
        spotlit={!inGroup && spotlit === card.id}
        watchSpotlight={watchSpotlight}
      />
    );
  }

  function renderGroup(group: PublicGroup) {
    const members = groupMembers(group, cardsById, deletes);
    const label = group.title || members.map((m) => m.text).join(' / ');
    return (
      <li key={group.id} {...spotlightProps(group.id)}>
        <GroupDropZone groupId={group.id}>
          <GroupBox group={group} cards={members} phase={board.phase} locked={(board.groupingFacilitatorOnly && !isFacilitator) || readOnly} unsent={!fromServer.groups.some((g) => g.id === group.id)} waiting={waiting.has(group.id)} extras={renderItemExtras?.(group.id, label)}>
            <ul className="cards">{members.map((c) => renderCard(c, true))}</ul>
          </GroupBox>
        </GroupDropZone>
        {presentable(group.columnId) && <PresentButton itemId={group.id} name={shortText(label, 40)} pressed={spotlit === group.id} />}
      </li>
    );
  }

  /** GR-9: what a column shows: its cards that stand alone, and the groups that live in it (wherever their cards came from). */
  const entriesOf = (columnId: string) => columnEntries(visible, groups, deletes, columnId);
  // GR-9: a column's cards in a group that lives in another column: an empty column says where they went ("No cards
  // here." read as if they were gone, walk 8)
  const elsewhere = (columnId: string) => visible.filter((c) => {
      const home = c.groupId ? groups.get(c.groupId)?.columnId : undefined;
      return c.columnId === columnId && !!home && home !== columnId;
    }).length;
  const countOf = (columnId: string) => entriesOf(columnId).reduce((n, e) => n + ('group' in e ? e.group.cardIds.filter((id) => !deletes.has(id)).length : 1), 0);

  // GR-9: a card grouped from its menu ("Group with…") moves to the chosen card's column, its menu still open (UI-32);
  // on a phone the column tabs follow it there, or it vanished from the column on screen and focus went to another card
  const menuCard = menuOf ? cardsById.get(menuOf) : undefined;
  const menuColumn = menuCard ? ((menuCard.groupId && groups.get(menuCard.groupId)?.columnId) || menuCard.columnId) : null;
  // CW-4: the column the facilitator is walking the room through (Reveal only): in focus, the others dimmed
  const walk = board.walkColumnId;
  const [walkInView, watchWalk] = useInView();
  const walkClass = (columnId: string) => (walk === null ? '' : walk === columnId ? ' walk-focus' : ' walk-dim');
  // CW-6, CW-10: the card or group in the spotlight, outlined on every screen; the facilitator presents from the column
  const spotlit = board.walkItemId;
  const [spotlightInView, watchSpotlight] = useInView();
  const steps = walkSteps(board, deletes);
  const spotlight = spotlit && steps.at >= 0 ? { id: spotlit, index: steps.at, count: steps.ids.length, group: groups.has(spotlit), inView: spotlightInView } : null;
  const spotlightProps = (itemId: string) => spotlightAttrs(itemId, spotlit === itemId, watchSpotlight);
  const presentable = (columnId: string) => isFacilitator && walk === columnId && !readOnly;
  const view = (
    <ColumnsView
      follow={menuColumn}
      columns={board.columns}
      counts={new Map(board.columns.map((c) => [c.id, countOf(c.id)]))}
      renderColumn={(column) => {
        const entries = entriesOf(column.id);
        const count = countOf(column.id);
        return (
          <section key={column.id} ref={walk === column.id ? watchWalk : undefined} className={`column${walkClass(column.id)}`} aria-labelledby={`col-${column.id}`} aria-current={walk === column.id ? 'true' : undefined}>
            {/* WF-9: the revealed cards it holds (a group as its cards); the region keeps the name. On a phone the
                column's tab just above says it, and the heading said it again */}
            <h2>
              <span id={`col-${column.id}`}>{columnTitle(column)}</span>
              {count > 0 && !phone && ` (${count})`}
            </h2>
            <p className="prompt">{columnPrompt(column)}</p>
            <ColumnDropZone columnId={column.id}>
            <ul className="cards">{entries.map((entry) => ('group' in entry ? renderGroup(entry.group) : renderCard(entry.card, false)))}</ul>
            {entries.length === 0 && <p className="empty">{elsewhere(column.id) > 0 ? t('reveal.groupedElsewhere', { count: elsewhere(column.id) }) : t('reveal.emptyColumn')}</p>}
            </ColumnDropZone>
          </section>
        );
      }}
    />
  );
  const columns = canDrag ? <DragToGroup board={board}>{view}</DragToGroup> : view;
  return board.phase === 'reveal' ? (
    <>
      <ColumnWalkStatus columns={board.columns} walk={walk} inView={walkInView} spotlight={spotlight} />
      {columns}
    </>
  ) : (
    columns
  );
}

/** CW-6, CW-10: a card's or group's list item: found by its public id, outlined and in view when in the spotlight */
function spotlightAttrs(itemId: string, spotlit: boolean, watchSpotlight: (element: Element | null) => void) {
  return spotlit ? { 'data-item': itemId, className: 'spotlight', 'aria-current': 'true' as const, tabIndex: -1, ref: watchSpotlight } : { 'data-item': itemId };
}

/** One revealed card standing alone or in its group, with its controls; drawn again only when what it shows changes. */
const RevealedCard = memo(function RevealedCard({
  cardId,
  text,
  label,
  groupId,
  inGroup,
  menuOpen,
  onMenu,
  canGroup,
  canDrag,
  hasOther,
  picker,
  extras,
  presentable,
  spotlit,
  watchSpotlight,
  ...tile
}: {
  cardId: string;
  text: string;
  /** the card's words as the room has them, for its extras (votes) */
  label: string;
  groupId: string | null;
  inGroup: boolean;
  own: boolean;
  editable: boolean;
  sending: boolean;
  edited: boolean;
  signedBy: string | null;
  signable: boolean;
  signed: boolean;
  hideable: boolean;
  menuOpen: boolean;
  onMenu: (cardId: string, open: boolean) => void;
  canGroup: boolean;
  canDrag: boolean;
  hasOther: boolean;
  picker: () => PickerChoices;
  extras?: (itemId: string, label: string) => ReactNode;
  presentable: boolean;
  spotlit: boolean;
  watchSpotlight: (element: Element | null) => void;
}) {
  const drawn = (
    <CardTile cardId={cardId} text={text} {...tile} menuOpen={menuOpen} onMenu={onMenu}>
      {/* The non-drag path: a picker that works with a tap, a screen reader or a keyboard. */}
      {canGroup && hasOther && <GroupWithSelect cardId={cardId} text={label} groupId={groupId} picker={picker} />}
      {canGroup && inGroup && <UngroupButton cardId={cardId} text={text} />}
    </CardTile>
  );
  return (
    <li {...(inGroup ? {} : spotlightAttrs(cardId, spotlit, watchSpotlight))}>
      {canDrag ? (
        <DraggableCard cardId={cardId} text={text}>
          {drawn}
        </DraggableCard>
      ) : (
        drawn
      )}
      {extras?.(cardId, label)}
      {presentable && <PresentButton itemId={cardId} name={shortText(text, 40)} pressed={spotlit} />}
    </li>
  );
});

/** CW-6: the facilitator puts this card or group in the spotlight for everyone; pressed again, takes it out. */
function PresentButton({ itemId, name, pressed }: { itemId: string; name: string; pressed: boolean }) {
  const { t } = useWords();
  const session = useSession();
  return (
    <button type="button" className="link small present" aria-pressed={pressed} aria-label={t('walk.presentFor', { name })} onClick={() => session.send({ type: 'walk.spotlight', itemId: pressed ? null : itemId })}>
      {t('walk.present')}
    </button>
  );
}

function UngroupButton({ cardId, text }: { cardId: string; text: string }) {
  const { t } = useWords();
  const session = useSession();
  return (
    // UI-10: once the card stands alone this button is gone, and focus goes to the card's own "Group with…" (data-focus-twin)
    <button
      type="button"
      className="link small"
      aria-label={t('reveal.ungroupFor', { name: shortText(text, 40) })}
      data-focus-twin={groupWithLabel(t, text)}
      onClick={() => {
        focusGroupWithWhenDrawn(cardId);
        session.send({ type: 'card.ungroup', cardId });
      }}
    >
      {t('reveal.ungroup')}
    </button>
  );
}
