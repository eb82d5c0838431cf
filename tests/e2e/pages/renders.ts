import type { Page } from '@playwright/test';

/**
 * Counts how many times the page draws a card (CardTile) anew, through the hook React offers its developer tools:
 * after each commit, the committed tree is walked and a card counts when its component ran in that commit (mounted,
 * or performed work; a subtree React skipped is left out). Call before the page loads; read with `cardRenders`.
 * Its component is found by what it draws, an `<article class="card …">`, as the built client's names are minified.
 */
export async function countCardRenders(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cardRenders: number; __voteRenders: Record<string, number>; __REACT_DEVTOOLS_GLOBAL_HOOK__?: unknown };
    type Fiber = { tag: number; type: unknown; flags: number; alternate: Fiber | null; child: Fiber | null; sibling: Fiber | null; memoizedProps: { className?: string; itemId?: string } | null };
    w.__cardRenders = 0;
    w.__voteRenders = {};
    const PERFORMED_WORK = 1;
    // function, forwardRef, memo and simple memo components whose own element is the card's article
    const isCard = (f: Fiber) => [0, 11, 14, 15].includes(f.tag) && f.child?.tag === 5 && f.child.type === 'article' && /^card\b/.test(f.child.memoizedProps?.className ?? '');
    // an item's vote controls (VoteControls, a `<div class="vote-controls">`), counted by the item's id
    const isVotes = (f: Fiber) => [0, 11, 14, 15].includes(f.tag) && f.child?.tag === 5 && f.child.type === 'div' && f.child.memoizedProps?.className === 'vote-controls';
    const walk = (first: Fiber | null, skipped: boolean) => {
      for (let f = first; f; f = f.sibling) {
        const ran = !skipped && (f.alternate === null || (f.flags & PERFORMED_WORK) !== 0);
        if (ran && isCard(f)) w.__cardRenders++;
        if (ran && isVotes(f)) {
          const id = f.memoizedProps?.itemId ?? '?';
          w.__voteRenders[id] = (w.__voteRenders[id] ?? 0) + 1;
        }
        // a child list left as it was is the last commit's fibers, with that commit's flags
        walk(f.child, skipped || (f.alternate !== null && f.child === f.alternate.child));
      }
    };
    const renderers = new Map<number, unknown>();
    w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      renderers,
      supportsFiber: true,
      inject: (renderer: unknown) => {
        renderers.set(renderers.size + 1, renderer);
        return renderers.size;
      },
      checkDCE: () => {},
      onScheduleFiberRoot: () => {},
      onCommitFiberUnmount: () => {},
      onPostCommitFiberRoot: () => {},
      onCommitFiberRoot: (_id: number, root: { current: Fiber }) => walk(root.current, false),
    };
  });
}

/** The cards the page has drawn anew since `countCardRenders` was set up on it (or since the last `resetCardRenders`). */
export function cardRenders(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __cardRenders: number }).__cardRenders);
}

/** The items whose vote controls the page has drawn anew since the last `resetCardRenders`, each with how many times. */
export function voteControlRenders(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => (window as unknown as { __voteRenders: Record<string, number> }).__voteRenders);
}

export function resetCardRenders(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __cardRenders: number; __voteRenders: Record<string, number> };
    w.__cardRenders = 0;
    w.__voteRenders = {};
  });
}
