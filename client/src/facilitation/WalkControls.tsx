import type { PublicBoardView } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { useSession } from '../board/SessionContext.js';
import { walkSteps } from '../cards/items.js';

/**
 * CW-1: the facilitator walks the room through the revealed columns: the first column, then Next / Previous, then
 * Stop. The server decides (facilitator only, Reveal only); each screen follows the board (ColumnWalk.tsx). At either
 * end the button stays focusable and says it cannot go further (`aria-disabled`), so the keyboard is not lost.
 * CW-6: within the column, "Next card" / "Previous card" spotlight its cards and groups one at a time, in the order
 * every screen shows them ("Next card" with none in the spotlight starts at the first).
 */
export function WalkControls({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const { columns, walkColumnId } = board;
  const index = walkColumnId ? columns.findIndex((c) => c.id === walkColumnId) : -1;
  const focus = (columnId: string | null) => session.send({ type: 'walk.focus', columnId });
  const step = (by: number) => () => {
    const column = columns[index + by];
    if (column) focus(column.id);
  };
  const cards = walkSteps(board);
  const spotlight = (by: number) => () => {
    const itemId = cards.ids[cards.at < 0 ? (by > 0 ? 0 : -1) : cards.at + by];
    if (itemId) session.send({ type: 'walk.spotlight', itemId });
  };

  return (
    <section className="walk-controls" aria-labelledby="walk-controls-title">
      <h3 id="walk-controls-title">{t('walk.controls')}</h3>
      {index < 0 ? (
        <button type="button" onClick={() => columns[0] && focus(columns[0].id)}>
          {t('walk.start')}
        </button>
      ) : (
        <>
          <div className="row">
            <button type="button" aria-disabled={index === 0} onClick={step(-1)}>
              {t('walk.previous')}
            </button>
            <button type="button" className="primary" aria-disabled={index === columns.length - 1} onClick={step(1)}>
              {t('walk.next')}
            </button>
            <button type="button" onClick={() => focus(null)}>
              {t('walk.stop')}
            </button>
          </div>
          <div className="row">
            <button type="button" aria-disabled={cards.at <= 0} onClick={spotlight(-1)}>
              {t('walk.previousCard')}
            </button>
            <button type="button" aria-disabled={cards.at >= cards.ids.length - 1} onClick={spotlight(1)}>
              {t('walk.nextCard')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
