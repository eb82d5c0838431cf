import { useWords } from '../i18n/useWords.js';
import { allowedIn, type PublicBoardView } from '@candor/shared';
import { RevealedColumns } from '../cards/RevealedColumns.js';
import { PhaseIntro } from './PhaseIntro.js';
import { RevealPulse } from '../pulse/RevealPulse.js';
import { useSessionState } from '../board/SessionContext.js';
import { PresentingSuggestion } from '../board/PresentingSuggestion.js';
import { UnsentCards } from './UnsentWords.js';
import { SimilarCards } from '../cards/SimilarCards.js';
import { useReadOnly } from '../facilitation/useReadOnly.js';

export function RevealPhase({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const { isFacilitator } = useSessionState();
  const readOnly = useReadOnly(board);
  // GR-8: with grouping kept to the facilitator, only she is offered groupings (GR-11)
  const canGroup = allowedIn('card.group', board.phase) && (!board.groupingFacilitatorOnly || isFacilitator) && !readOnly;
  return (
    <>
      {isFacilitator && <PresentingSuggestion />}
      <PhaseIntro title={t('reveal.title')}>{t('reveal.intro')}</PhaseIntro>
      <UnsentCards board={board} />
      <RevealPulse board={board} />
      {canGroup && <SimilarCards board={board} />}
      {board.cards.length === 0 && <p className="empty">{t('reveal.noCards')}</p>}
      <RevealedColumns board={board} />
    </>
  );
}
