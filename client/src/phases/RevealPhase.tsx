import { useWords } from '../i18n/useWords.js';
import type { PublicBoardView } from '@candor/shared';
import { RevealedColumns } from '../cards/RevealedColumns.js';
import { PhaseIntro } from './PhaseIntro.js';
import { PulseResult } from '../pulse/TrustPulse.js';
import { useSessionState } from '../board/SessionContext.js';
import { PresentingSuggestion } from '../board/PresentingToggle.js';
import { UnsentCards } from './UnsentWords.js';

export function RevealPhase({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const { isFacilitator } = useSessionState();
  return (
    <>
      {isFacilitator && <PresentingSuggestion />}
      <PhaseIntro title={t('reveal.title')}>{t('reveal.intro')}</PhaseIntro>
      <UnsentCards board={board} />
      <PulseResult board={board} />
      {board.cards.length === 0 && <p className="empty">{t('reveal.noCards')}</p>}
      <RevealedColumns board={board} />
    </>
  );
}
