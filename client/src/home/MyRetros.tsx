import { useWords } from '../i18n/useWords.js';
import { AppLink } from '../AppLink.js';
import { useState } from 'react';
import { forgetRetro, loadMyRetros } from './myRetros.js';
import { formatDate } from '../i18n/format.js';

/** MY-1: the retros this browser created or joined; each opens the board (a closed one read-only). */
export function MyRetros() {
  const { t } = useWords();
  const [retros, setRetros] = useState(loadMyRetros);
  if (retros.length === 0) return null;
  return (
    <section className="panel my-retros" aria-labelledby="my-retros-title">
      <h2 id="my-retros-title">{t('running.myRetros')}</h2>
      <p className="hint">{t('running.myRetrosHint')}</p>
      <ul>
        {retros.map((r) => (
          <li key={r.boardId}>
            {/* UI-42: the name and what is said of it wrap together; Remove keeps to the right of the row's first line */}
            <span className="my-retro">
              <AppLink to={`/b/${r.boardId}`}>
                {r.team ? t('running.retroOfTeam', { name: r.name || t('running.untitledRetro'), team: r.team }) : r.name || t('running.untitledRetro')}
              </AppLink>
              <span className="hint">
                {r.created ? t('running.youCreated') : t('running.youJoined')} · {r.closed ? t('running.closedReadOnly') : t('running.open')} ·{' '}
                {formatDate(r.lastSeen)}
              </span>
            </span>
            <button
              type="button"
              className="link small"
              aria-label={t('running.removeFromList', { name: r.name })}
              onClick={() => {
                forgetRetro(r.boardId);
                setRetros(loadMyRetros());
              }}
            >
              {t('running.remove')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
