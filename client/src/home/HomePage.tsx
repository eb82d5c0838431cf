import { useWords } from '../i18n/useWords.js';
import { Preferences } from '../theme/Preferences.js';
import { MyRetros } from './MyRetros.js';
import { createBoard } from '../sync/requests.js';
import { CreateRetroForm } from './CreateRetroForm.js';
import { StartTeamForm } from './StartTeamForm.js';

export function HomePage() {
  const { t } = useWords();
  return (
    <main className="page narrow home">
      <header className="home-header">
        <div className="top-row">
          <p className="brand">{t('app.brand')}</p>
          <Preferences />
        </div>
        <h1>{t('home.title')}</h1>
        <p className="lede">{t('home.lede')}</p>
      </header>

      <MyRetros />
      {/* TE-4: the default template shows alone, the seven others one press away, so "Create retro" is on the first screen */}
      <CreateRetroForm create={createBoard} title={t('home.startRetro')} placeholder={t('home.retroPlaceholder')} nameHint={t('home.nameHintAlone')} foldTemplates />
      <StartTeamForm />
    </main>
  );
}
