import { Suspense } from 'react';
import type { PublicBoardView } from '@candor/shared';
import { lazyWithWords } from '../i18n/lazyWithWords.js';

// CI-1: the question and its words (a dozen, in each language) load only once the facilitator asks one: the board page's
// first load has no room for them, and not fetched ahead (`preload: false`) a board that never asks one opens no more
// files than before (AB-15).
const CheckInQuestion = lazyWithWords(() => import('./CheckInQuestion.js'), (m) => m.CheckInQuestion, { preload: false });

export function LazyCheckIn({ board }: { board: PublicBoardView }) {
  if (!board.checkIn) return null;
  return (
    <Suspense fallback={null}>
      <CheckInQuestion checkIn={board.checkIn} />
    </Suspense>
  );
}
