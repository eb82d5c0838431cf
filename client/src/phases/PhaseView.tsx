import { Suspense, lazy } from 'react';
import type { PublicBoardView } from '@candor/shared';
import { WritePhase } from './WritePhase.js';

// Write ships with the board; every later phase (grouping by drag and drop, votes, notes, actions, charts,
// exports) and the Review of a team retro load when the room gets there.
const RevealPhase = lazy(() => import('./RevealPhase.js').then((m) => ({ default: m.RevealPhase })));
const VotePhase = lazy(() => import('./VotePhase.js').then((m) => ({ default: m.VotePhase })));
const ReviewPhase = lazy(() => import('./ReviewPhase.js').then((m) => ({ default: m.ReviewPhase })));
const DiscussPhase = lazy(() => import('./DiscussPhase.js').then((m) => ({ default: m.DiscussPhase })));
const ActPhase = lazy(() => import('./ActPhase.js').then((m) => ({ default: m.ActPhase })));
const ClosedSummary = lazy(() => import('./ClosedSummary.js').then((m) => ({ default: m.ClosedSummary })));

export function PhaseView({ board }: { board: PublicBoardView }) {
  return (
    <Suspense fallback={null}>
      <Phase board={board} />
    </Suspense>
  );
}

function Phase({ board }: { board: PublicBoardView }) {
  switch (board.phase) {
    case 'review':
      return <ReviewPhase board={board} />;
    case 'write':
      return <WritePhase board={board} />;
    case 'reveal':
      return <RevealPhase board={board} />;
    case 'vote':
      return <VotePhase board={board} />;
    case 'discuss':
      return <DiscussPhase board={board} />;
    case 'act':
      return <ActPhase board={board} />;
    case 'closed':
      return <ClosedSummary board={board} />;
  }
}
