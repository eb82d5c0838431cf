import { Suspense } from 'react';
import type { PublicBoardView } from '@candor/shared';
import { lazyWithWords } from '../i18n/lazyWithWords.js';

// Only the facilitator edits columns, so the editor is fetched only when a facilitator's page needs it.
const ColumnEditor = lazyWithWords(() => import('./ColumnEditor.js'), (m) => m.ColumnEditor);

export function LazyColumnEditor({ board }: { board: PublicBoardView }) {
  return (
    <Suspense fallback={null}>
      <ColumnEditor board={board} />
    </Suspense>
  );
}
