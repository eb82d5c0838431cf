import { useTranslation } from 'react-i18next';
import type { PublicBoardView } from '@candor/shared';
import { RevealedColumns } from '../cards/RevealedColumns.js';
import { PhaseIntro } from './PhaseView.js';
import { PulseResult } from '../pulse/TrustPulse.js';

export function RevealPhase({ board }: { board: PublicBoardView }) {
  const { t } = useTranslation();
  return (
    <>
      <PhaseIntro title={t('reveal.title')}>{t('reveal.intro')}</PhaseIntro>
      <PulseResult board={board} />
      {board.cards.length === 0 && <p className="empty">{t('reveal.noCards')}</p>}
      <RevealedColumns board={board} />
    </>
  );
}
