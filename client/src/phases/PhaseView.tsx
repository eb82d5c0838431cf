import type { ReactNode } from 'react';
import type { PublicBoardView } from '@candor/shared';
import { ReviewPhase } from './ReviewPhase.js';
import { WritePhase } from './WritePhase.js';
import { RevealPhase } from './RevealPhase.js';
import { VotePhase } from './VotePhase.js';
import { DiscussPhase } from './DiscussPhase.js';
import { ActPhase } from './ActPhase.js';
import { ClosedSummary } from './ClosedSummary.js';

export function PhaseView({ board }: { board: PublicBoardView }) {
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

export function PhaseIntro({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="phase-intro">
      <h2>{title}</h2>
      <p>{children}</p>
    </div>
  );
}
