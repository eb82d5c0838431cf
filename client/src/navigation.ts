import { useSyncExternalStore } from 'react';

/** A tiny router: three routes do not need a dependency. */
export type Route = { name: 'home' } | { name: 'board'; boardId: string } | { name: 'team'; teamId: string } | { name: 'not-found' };

const NAVIGATE_EVENT = 'candor:navigate';

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'home' };
  const board = /^\/b\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  if (board?.[1]) return { name: 'board', boardId: board[1] };
  const team = /^\/t\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  if (team?.[1]) return { name: 'team', teamId: team[1] };
  return { name: 'not-found' };
}

export function navigate(to: string): void {
  history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}
