import { useWords } from '../i18n/useWords.js';
import type { PublicBoardView } from '@candor/shared';
import { RevealedColumns } from '../cards/RevealedColumns.js';
import { VoteControls, VotesLeft } from '../votes/VoteControls.js';
import { PhaseIntro } from './PhaseIntro.js';
import { DoneToggle } from '../facilitation/DoneToggle.js';

export function VotePhase({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  return (
    <>
      <PhaseIntro title={t('vote.title')}>
        {t('vote.intro', { cap: board.settings.perItemCap })} {t('vote.shownWhen', { needed: board.minOthersToShow + 1 })}
      </PhaseIntro>
      <div className="sticky-status">
        <VotesLeft />
      </div>
      <DoneToggle board={board} />
      <RevealedColumns board={board} renderItemExtras={(itemId, label) => <VoteControls board={board} itemId={itemId} label={label} />} />
    </>
  );
}
