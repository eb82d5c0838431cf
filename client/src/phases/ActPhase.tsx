import { useState } from 'react';
import { useWords } from '../i18n/useWords.js';
import type { PublicBoardView } from '@candor/shared';
import { ItemContent } from '../cards/ItemContent.js';
import { itemLabel, itemsById, shortText } from '../cards/items.js';
import { GuidedMove } from '../responsibility/GuidedMove.js';
import { UntakenBeforeClose } from '../responsibility/UntakenBeforeClose.js';
import { TrustLensSwitch } from '../responsibility/TrustLens.js';
import { PhaseIntro } from './PhaseIntro.js';
import { RetroWorth, RetroWorthCue } from '../pulse/RetroWorth.js';

export function ActPhase({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const items = itemsById(board);
  return (
    <>
      <PhaseIntro title={t('act.title')}>{t('act.intro')}</PhaseIntro>
      {/* GP-5: the question is at the end of the page; this line asks it at the top and takes me there */}
      <RetroWorthCue board={board} />
      <UntakenBeforeClose board={board} />
      <TrustLensSwitch board={board} />
      {board.discussedItemIds.length === 0 && <NothingDiscussed board={board} />}
      <div className="act-items">
        {board.discussedItemIds.map((itemId) => (
          <section key={itemId} className="panel act-item" aria-label={t('act.discussedLabel', { name: shortText(itemLabel(items.get(itemId)), 60) })}>
            <ItemContent item={items.get(itemId)} />
            {/* PQ-3 (EX-11): no count where nobody voted, as in Discuss and the summary */}
            {board.tallies?.[itemId] ? <p className="tally">{t('summary.votes', { count: board.tallies[itemId] })}</p> : null}
            <GuidedMove board={board} itemId={itemId} notesRows={3} lensSwitch={false} />
          </section>
        ))}
      </div>
      {/* GP-5: the retro's last question, before the facilitator closes it */}
      <RetroWorth board={board} />
    </>
  );
}

/**
 * AC-9: a room that went on to Act without discussing anything is not stuck there: the items are listed in the
 * order Discuss would have taken them, one line each, and anyone opens one to plan its actions (each viewer for
 * themself, as a discussed item's actions in Discuss).
 */
function NothingDiscussed({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const items = itemsById(board);
  const order = board.discussOrder ?? board.ranking ?? [...items.keys()];
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (itemId: string) =>
    setOpen((was) => {
      const next = new Set(was);
      if (!next.delete(itemId)) next.add(itemId);
      return next;
    });
  return (
    <>
      <p className="empty">{t('act.noneDiscussed')}</p>
      <ol className="act-undiscussed">
        {order.map((itemId) => {
          const name = shortText(itemLabel(items.get(itemId)), 60);
          const actions = board.actions.filter((a) => a.itemId === itemId).length;
          return (
            <li key={itemId} className="panel act-item">
              <div className="act-item-line">
                <ItemContent item={items.get(itemId)} />
                <button type="button" aria-expanded={open.has(itemId)} aria-label={t('act.planFor', { name, count: actions })} onClick={() => toggle(itemId)}>
                  {t('act.plan', { count: actions })}
                </button>
              </div>
              {open.has(itemId) && <GuidedMove board={board} itemId={itemId} notesRows={3} lensSwitch={false} />}
            </li>
          );
        })}
      </ol>
    </>
  );
}
