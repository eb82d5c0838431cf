import { Suspense, lazy } from 'react';
import type { PublicBoardView } from '@candor/shared';

// Only the facilitator edits columns, so the editor is fetched only when a facilitator's page needs it.
const ColumnEditor = lazy(() => import('./ColumnEditor.js').then((m) => ({ default: m.ColumnEditor })));

export function LazyColumnEditor({ board }: { board: PublicBoardView }) {
  return (
    <Suspense fallback={null}>
      <ColumnEditor board={board} />
    </Suspense>
  );
}
