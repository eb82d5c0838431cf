import { Suspense } from 'react';
import type { PublicBoardView } from '@candor/shared';
import { WritePhase } from './WritePhase.js';
import { lazyWithWords } from '../i18n/lazyWithWords.js';

// Write ships with the board; every later phase (grouping by drag and drop, votes, notes, actions, charts,
// exports) and the Review of a team retro load when the room gets there.
const RevealPhase = lazyWithWords(() => import('./RevealPhase.js'), (m) => m.RevealPhase);
const VotePhase = lazyWithWords(() => import('./VotePhase.js'), (m) => m.VotePhase);
const ReviewPhase = lazyWithWords(() => import('./ReviewPhase.js'), (m) => m.ReviewPhase);
const DiscussPhase = lazyWithWords(() => import('./DiscussPhase.js'), (m) => m.DiscussPhase);
const ActPhase = lazyWithWords(() => import('./ActPhase.js'), (m) => m.ActPhase);
const ClosedSummary = lazyWithWords(() => import('./ClosedSummary.js'), (m) => m.ClosedSummary);

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
