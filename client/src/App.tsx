import { useTranslation } from 'react-i18next';
import { HomePage } from './home/HomePage.js';
import { BoardPage } from './board/BoardPage.js';
import { TeamPage } from './team/TeamPage.js';
import { matchRoute, navigate, usePathname } from './navigation.js';

export function App() {
  const { t } = useTranslation();
  const route = matchRoute(usePathname());
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'board':
      return <BoardPage key={route.boardId} boardId={route.boardId} />;
    case 'team':
      return <TeamPage key={route.teamId} teamId={route.teamId} />;
    case 'not-found':
      return (
        <main className="page narrow">
          <h1>{t('app.notFoundTitle')}</h1>
          <p>{t('app.notFoundBody')}</p>
          <p>
            <a href="/" onClick={(e) => (e.preventDefault(), navigate('/'))}>
              {t('app.startNew')}
            </a>
          </p>
        </main>
      );
  }
}
