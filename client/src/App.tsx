import { useWords } from './i18n/useWords.js';
import { Suspense, lazy } from 'react';
import { matchRoute, usePathname } from './navigation.js';
import { lazyWithWords, untilLoaded } from './i18n/lazyWithWords.js';
import { NotFound } from './layout/NotFound.js';

// Each page is its own chunk: someone opening a board never downloads the home page, the team page or its charts.
const HomePage = lazyWithWords(() => import('./home/HomePage.js'), (m) => m.HomePage, { preload: false });
const BoardPage = lazy(() => untilLoaded(() => import('./board/BoardPage.js')).then((m) => ({ default: m.BoardPage })));
const TeamPage = lazyWithWords(() => import('./team/TeamPage.js'), (m) => m.TeamPage, { preload: false });

export function App() {
  return (
    <Suspense fallback={null}>
      <Route />
    </Suspense>
  );
}

function Route() {
  const { t } = useWords();
  const route = matchRoute(usePathname());
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'board':
      return <BoardPage key={route.boardId} boardId={route.boardId} />;
    case 'team':
      return <TeamPage key={route.teamId} teamId={route.teamId} />;
    case 'not-found':
      return <NotFound title={t('app.notFoundTitle')} body={t('app.notFoundBody')} />;
  }
}
