import { HomePage } from './home/HomePage.js';
import { BoardPage } from './board/BoardPage.js';
import { TeamPage } from './team/TeamPage.js';
import { matchRoute, navigate, usePathname } from './navigation.js';

export function App() {
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
          <h1>Nothing here</h1>
          <p>This address does not lead to a retro.</p>
          <p>
            <a href="/" onClick={(e) => (e.preventDefault(), navigate('/'))}>
              Start a new retro
            </a>
          </p>
        </main>
      );
  }
}
