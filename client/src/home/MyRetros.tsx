import { useState } from 'react';
import { navigate } from '../navigation.js';
import { forgetRetro, loadMyRetros } from './myRetros.js';

/** MY-1: the retros this browser created or joined; each opens the board (a closed one read-only). */
export function MyRetros() {
  const [retros, setRetros] = useState(loadMyRetros);
  if (retros.length === 0) return null;
  return (
    <section className="panel my-retros" aria-labelledby="my-retros-title">
      <h2 id="my-retros-title">My retros</h2>
      <p className="hint">Kept in this browser only.</p>
      <ul>
        {retros.map((r) => (
          <li key={r.boardId}>
            <a href={`/b/${r.boardId}`} onClick={(e) => (e.preventDefault(), navigate(`/b/${r.boardId}`))}>
              {r.name || 'Untitled retro'}
            </a>
            <span className="hint">
              {r.created ? 'you created it' : 'you joined'} · {r.closed ? 'closed, read-only' : 'open'} · {new Date(r.lastSeen).toLocaleDateString()}
            </span>
            <button
              type="button"
              className="link small"
              aria-label={`Remove “${r.name}” from this list`}
              onClick={() => {
                forgetRetro(r.boardId);
                setRetros(loadMyRetros());
              }}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
