import type { PublicBoardView } from '@candor/shared';
import { RevealedColumns } from '../cards/RevealedColumns.js';
import { VoteControls, VotesLeft } from '../votes/VoteControls.js';
import { PhaseIntro } from './PhaseView.js';
import { DoneToggle } from '../facilitation/DoneToggle.js';

export function VotePhase({ board }: { board: PublicBoardView }) {
  return (
    <>
      <PhaseIntro title="Vote">
        Which of these would help most to talk about? Votes stay private; totals appear only when voting closes. At most{' '}
        {board.settings.perItemCap} on one item.
      </PhaseIntro>
      <div className="sticky-status">
        <VotesLeft />
      </div>
      <DoneToggle board={board} />
      <RevealedColumns board={board} renderItemExtras={(itemId, label) => <VoteControls board={board} itemId={itemId} label={label} />} />
    </>
  );
}
