import type { PublicBoardView } from '@candor/shared';
import { RevealedColumns } from '../cards/RevealedColumns.js';
import { PhaseIntro } from './PhaseView.js';
import { PulseResult } from '../pulse/TrustPulse.js';
import { useSessionState } from '../board/SessionContext.js';
import { PresentingSuggestion } from '../board/PresentingToggle.js';

export function RevealPhase({ board }: { board: PublicBoardView }) {
  const { isFacilitator } = useSessionState();
  return (
    <>
      {isFacilitator && <PresentingSuggestion />}
      <PhaseIntro title="Reveal">
        Every card is on the table, with no names. Read them with curiosity, and group the ones that say the same thing. You
        can still change your own cards.
      </PhaseIntro>
      <PulseResult board={board} />
      {board.cards.length === 0 && <p className="empty">No cards were written. That is fine too: talk about why.</p>}
      <RevealedColumns board={board} />
    </>
  );
}
