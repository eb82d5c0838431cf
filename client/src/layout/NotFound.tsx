import { AppLink } from '../AppLink.js';
import { useWords } from '../i18n/useWords.js';
import { Preferences } from '../theme/Preferences.js';

/**
 * A page for a link that leads nowhere (an unknown path, a board that does not exist) or no longer does (a board
 * deleted while someone was on it: `gone` adds the brand and says it as an alert).
 */
export function NotFound({ title, body, gone = false }: { title: string; body: string; gone?: boolean }) {
  const { t } = useWords();
  return (
    <main className={gone ? 'page narrow deleted-page' : 'page narrow'}>
      {/* UI-2: the language and theme switch, as at the top of every page (someone sent a link in the wrong language) */}
      <div className="top-row">
        {gone ? <p className="brand">{t('app.brand')}</p> : <span />}
        <Preferences />
      </div>
      <h1>{title}</h1>
      <p role={gone ? 'alert' : undefined}>{body}</p>
      <p>
        <AppLink to="/">
          {t('app.startNew')}
        </AppLink>
      </p>
    </main>
  );
}
