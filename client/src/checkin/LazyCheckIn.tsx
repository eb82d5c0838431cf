import { Suspense } from 'react';
import type { PublicBoardView } from '@candor/shared';
import { lazyWithWords } from '../i18n/lazyWithWords.js';

// CI-1: the question and its words (a dozen, in each language) load only once the facilitator asks one: the board page's
// first load has no room for them, and not fetched ahead (`preload: false`) a board that never asks one opens no more
// files than before (AB-15).
const CheckInQuestion = lazyWithWords(() => import('./CheckInQuestion.js'), (m) => m.CheckInQuestion, { preload: false });

/**
 * OW-2: the question this page has read out, so that a re-render, a remount (Review to Write, a reconnect) or a
 * lazy part loaded again does not say it again; a page opened or reloaded says it once. Kept for the page, here,
 * since the question's own part may be on screen more than once in the page's life.
 */
let readOut: string | null = null;

export function LazyCheckIn({ board }: { board: PublicBoardView }) {
  if (!board.checkIn) {
    // hidden, or gone with the phase: the next question is news, even the same one again
    readOut = null;
    return null;
  }
  const key = `${board.id} ${JSON.stringify(board.checkIn)}`;
  return (
    <Suspense fallback={null}>
      <CheckInQuestion checkIn={board.checkIn} readOut={readOut === key} onReadOut={() => (readOut = key)} />
    </Suspense>
  );
}
