import { useEffect, useState } from 'react';
import type { PublicBoardView } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { forgetDrafts, unsentDrafts, type UnsentDraft } from './unsentDrafts.js';
import { itemLabel, itemsById } from '../cards/items.js';
import { columnTitle } from '../i18n/templates.js';
import { matchRoute } from '../navigation.js';
import { DRAFT_RETURNED } from '../sync/draftStore.js';

/**
 * AC-10: at Close, the words this browser still holds unsent (an action typed while offline, or when the facilitator
 * moved on) are shown once, on this screen only — nothing is sent — with a way to copy them. Nothing can be sent any
 * more, and on a shared computer they were someone's words left behind for good: they are forgotten when dismissed or
 * when the page or the board is left (a reload too), so they are seen once.
 */
export function UnsentWords({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const [drafts, setDrafts] = useState(() => unsentDrafts(board.id));
  const [copied, setCopied] = useState<boolean | null>(null);
  const boardId = board.id;
  useEffect(() => {
    const forget = () => forgetDrafts(boardId);
    // a card, action or offer that waited to be sent and was refused at Close comes back to its draft: shown here too
    const returned = (event: Event) => {
      if ((event as CustomEvent<{ boardId: string }>).detail.boardId === boardId) setDrafts(unsentDrafts(boardId));
    };
    window.addEventListener('pagehide', forget);
    window.addEventListener(DRAFT_RETURNED, returned);
    return () => {
      window.removeEventListener('pagehide', forget);
      window.removeEventListener(DRAFT_RETURNED, returned);
      // leaving the board forgets them; the summary drawn anew on the board (its layout turned from desk to phone and
      // back) is still their one showing, and reads them again
      const route = matchRoute(location.pathname);
      if (route.name !== 'board' || route.boardId !== boardId) forget();
    };
  }, [boardId]);
  if (drafts.length === 0) return null;
  const items = itemsById(board);
  const label = (draft: UnsentDraft) => {
    if (draft.kind === 'card') {
      const column = board.columns.find((c) => c.id === draft.of);
      return t('summary.unsentCard', { column: column ? columnTitle(column) : '…' });
    }
    return t(draft.kind === 'action' ? 'summary.unsentAction' : 'summary.unsentOffer', { item: itemLabel(items.get(draft.of)) });
  };
  async function copy() {
    try {
      await navigator.clipboard.writeText(drafts.map((d) => d.text).join('\n\n'));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <section className="panel unsent-words" aria-labelledby="summary-unsent">
      <h2 id="summary-unsent">{t('summary.unsentTitle')}</h2>
      <p className="hint">{t('summary.unsentHint')}</p>
      <ul className="summary-actions">
        {drafts.map((draft) => (
          <li key={draft.key} className="summary-action">
            <p className="hint">{label(draft)}</p>
            <p className="notes-text">{draft.text}</p>
          </li>
        ))}
      </ul>
      <div className="row">
        <button type="button" className="button" onClick={() => void copy()}>
          {t('summary.unsentCopy')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            forgetDrafts(boardId);
            setDrafts([]);
          }}
        >
          {t('summary.unsentForget')}
        </button>
        <span className="copy-status" role="status">
          {copied === true ? t('summary.unsentCopied') : copied === false ? t('summary.unsentCopyFailed') : ''}
        </span>
      </div>
    </section>
  );
}
