import { Suspense } from 'react';
import { useWords } from '../i18n/useWords.js';
import { LIMITS, allowedIn, type PublicBoardView } from '@candor/shared';
import { useSessionState } from '../board/SessionContext.js';
import { CardTile } from '../cards/CardTile.js';
import { NewCardForm } from '../cards/NewCardForm.js';
import { pendingCardChanges } from '../cards/pendingChanges.js';
import { columnPrompt, columnTitle } from '../i18n/templates.js';
import { ColumnsView } from '../layout/ColumnsView.js';
import { PhaseIntro } from './PhaseIntro.js';
import { LazyColumnEditor } from '../columns/LazyColumnEditor.js';
import { DoneToggle } from '../facilitation/DoneToggle.js';
import { useReadOnly } from '../facilitation/useReadOnly.js';
import { usePresenting } from '../board/presenting.js';
import { lazyWithWords } from '../i18n/lazyWithWords.js';
import { LazyCheckIn } from '../checkin/LazyCheckIn.js';
import { useIsPhone } from '../layout/useIsPhone.js';

// PU-1: only team retros ask the pulse question, so its code loads only while the question is open.
const TrustPulse = lazyWithWords(() => import('../pulse/TrustPulse.js'), (m) => m.TrustPulse);

export function WritePhase({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const { me, pending, sendingCards, isFacilitator } = useSessionState();
  const { edits, deletes } = pendingCardChanges(pending);
  const readOnly = useReadOnly(board);
  const canAdd = allowedIn('card.add', board.phase) && !readOnly;
  const canEdit = allowedIn('card.edit', board.phase) && !readOnly;
  // AN-11: on a shared screen my unrevealed cards would be both mine and readable: hidden while presenting
  const presenting = usePresenting();
  const myCards = presenting ? [] : (me?.cards ?? []).filter((c) => !deletes.has(c.id));
  const count = board.cardCount;
  // PU-8: on a phone Write says how it works after the columns: above them (four lines in German, under the open pulse)
  // it pushed the first card field under the facilitator's step bar (UI-29), and a participant's "Add card" under the news line
  const phone = useIsPhone();

  return (
    <>
      <PhaseIntro title={t('write.title')}>{!phone && t('write.intro')}</PhaseIntro>
      <LazyCheckIn board={board} />
      {board.pulse.open && (
        <Suspense fallback={null}>
          <TrustPulse board={board} />
        </Suspense>
      )}
      {presenting && <p className="hint">{t('privacy.hiddenCards')}</p>}
      <ColumnsView
        columns={board.columns}
        renderColumn={(column) => {
          const mine = myCards.filter((c) => c.columnId === column.id);
          const sending = presenting ? [] : sendingCards.filter((c) => c.columnId === column.id);
          return (
            // UI-10: a landing (focusRescue): the last card deleted here leaves focus on its column, not on the page's first
            // control, the trust pulse's "1", which the next arrow key would answer
            <section key={column.id} className="column" aria-labelledby={`col-${column.id}`} tabIndex={-1} data-focus-landing>
              {/* on a phone the column's tab just above names it: the heading, said again, pushed "Add card" under the news line */}
              <h2 id={`col-${column.id}`} className={phone ? 'visually-hidden' : undefined}>
                {columnTitle(column)}
              </h2>
              <p className="prompt">{columnPrompt(column)}</p>
              <ul className="cards">
                {mine.map((card) => (
                  <li key={card.id}>
                    <CardTile cardId={card.id} text={edits.get(card.id) ?? card.text} own editable={canEdit} sending={edits.has(card.id)} />
                  </li>
                ))}
                {sending.map((card) => (
                  <li key={card.key}>
                    <CardTile cardId={null} text={card.text} own sending />
                  </li>
                ))}
              </ul>
              {canAdd && <NewCardForm column={column} />}
            </section>
          );
        }}
      />
      {phone && <p className="hint">{t('write.intro')}</p>}
      {/* PU-8: the facilitator's "Edit columns" comes after the columns: above them, on a phone, it and the step bar at the
          foot pushed the first card field below the first screen */}
      {isFacilitator && <LazyColumnEditor board={board} />}
      {/* PU-8: the room's count and "I'm done writing" come after the card fields, the way one writes: above them, on a
          phone, they pushed the first field below the first screen */}
      <p className="card-count" role="status">
        {/* AN-10: the count is a lower bound that moves in steps, so it never says who just wrote */}
        {count === 0 ? t('write.cardCountNone', { writers: LIMITS.minWritersToCount }) : t('write.cardCountAtLeast', { count })}
      </p>
      <DoneToggle board={board} />
    </>
  );
}
