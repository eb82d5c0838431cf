import { createBoard } from '../sync/api.js';
import { CreateRetroForm } from './CreateRetroForm.js';
import { StartTeamForm } from './StartTeamForm.js';
import { MyRetros } from './MyRetros.js';

export function HomePage() {
  return (
    <main className="page narrow home">
      <header className="home-header">
        <p className="brand">Candor</p>
        <h1>Retros where it is safe to say “I don't know”</h1>
        <p className="lede">
          Everyone writes privately, cards are revealed without names, and the conversation ends with what each of us can do to
          help. No accounts: share a link and start.
        </p>
      </header>

      <MyRetros />
      <CreateRetroForm create={createBoard} title="Start a retro" placeholder="e.g. Sprint 14 — what we learned" />
      <StartTeamForm />
    </main>
  );
}
