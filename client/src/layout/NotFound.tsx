import { useTranslation } from 'react-i18next';
import { navigate } from '../navigation.js';

/** A page for a link that leads nowhere (an unknown path, a board that does not exist or was deleted). */
export function NotFound({ title, body }: { title: string; body: string }) {
  const { t } = useTranslation();
  return (
    <main className="page narrow">
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <a href="/" onClick={(e) => (e.preventDefault(), navigate('/'))}>
          {t('app.startNew')}
        </a>
      </p>
    </main>
  );
}
