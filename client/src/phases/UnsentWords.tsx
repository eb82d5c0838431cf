import { useEffect, useState } from 'react';
import type { PublicBoardView } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { forgetDrafts, unsentDrafts, type UnsentDraft } from './unsentDrafts.js';
import { itemLabel, itemsById } from '../cards/items.js';
import { columnTitle } from '../i18n/templates.js';
import { matchRoute } from '../navigation.js';
import { DRAFT_RETURNED, draftSlot, writeDraft } from '../sync/draftStore.js';
import { focusPhaseHeading } from '../a11y/phaseHeading.js';
import { usePresenting } from '../board/presenting.js';

/**
 * AC-10: at Close, the words this browser still holds unsent (an action typed while offline, or when the facilitator
 * moved on) are shown once, on this screen only — nothing is sent — with a way to copy them. Nothing can be sent any
 * more, and on a shared computer they were someone's words left behind for good: they are forgotten when dismissed or
 * when the page or the board is left (a reload too), so they are seen once.
 */
export function UnsentWords({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const [drafts, setDrafts] = useState(() => unsentDrafts(board.id));
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
    if (draft.kind === 'card') return unsentCardLabel(t, board, draft);
    return t(draft.kind === 'action' ? 'summary.unsentAction' : 'summary.unsentOffer', { item: itemLabel(items.get(draft.of)) });
  };
  return (
    <UnsentList
      id="summary-unsent"
      title={t('summary.unsentTitle')}
      hint={t('summary.unsentHint')}
      drafts={drafts}
      label={label}
      forget={t('summary.unsentForget')}
      onForget={() => {
        forgetDrafts(boardId);
        setDrafts([]);
      }}
    />
  );
}

/**
 * CA-8: a card still being written when the cards were revealed is not sent (cards are added only in Write, CA-4),
 * and its box goes with Write: the words vanished from the screen and nothing said where. They wait in this browser's
 * draft of their column (back in its box if the room goes back to Write, and at Close under AC-10); in Reveal and Vote
 * they are shown under the phase's heading, to their writer alone, with "Copy" and "Forget it". Nothing is sent, and
 * no card can be added now: one that came after the reveal would tell the room who was still writing (AN-*).
 */
export function UnsentCards({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const boardId = board.id;
  const [drafts, setDrafts] = useState(() => unsentCards(boardId));
  useEffect(() => {
    // a card that reached the server after the reveal (sent a moment too late, or queued offline) is refused and comes
    // back to its draft: listed here too
    const returned = (event: Event) => {
      if ((event as CustomEvent<{ boardId: string }>).detail.boardId === boardId) setDrafts(unsentCards(boardId));
    };
    window.addEventListener(DRAFT_RETURNED, returned);
    return () => window.removeEventListener(DRAFT_RETURNED, returned);
  }, [boardId]);
  if (drafts.length === 0) return null;
  return (
    <UnsentList
      id="unsent-cards"
      title={t('reveal.unsentTitle', { count: drafts.length })}
      hint={t('reveal.unsentHint')}
      drafts={drafts}
      label={(draft) => unsentCardLabel(t, board, draft)}
      forget={t('reveal.unsentForget', { count: drafts.length })}
      onForget={() => {
        for (const draft of drafts) writeDraft(boardId, draftSlot(draft.kind, draft.of), '');
        setDrafts([]);
        // the button goes with the list: focus goes back to the heading above it (the focus rescue put it in a card)
        focusPhaseHeading();
      }}
    />
  );
}

function unsentCards(boardId: string): UnsentDraft[] {
  return unsentDrafts(boardId).filter((draft) => draft.kind === 'card');
}

/** "A card for Start": what a card's draft was typed for (AC-10, CA-8). */
function unsentCardLabel(t: ReturnType<typeof useWords>['t'], board: PublicBoardView, draft: UnsentDraft): string {
  const column = board.columns.find((c) => c.id === draft.of);
  return t('summary.unsentCard', { column: column ? columnTitle(column) : '…' });
}

/**
 * Words this browser kept unsent, each under what it was typed for, with "Copy" (all of them, one after another) and
 * a button that forgets them: AC-10's at Close, CA-8's cards in Reveal and Vote. Only ever on the screen of the person
 * who typed them; nothing is sent.
 */
function UnsentList({ id, title, hint, drafts, label, forget, onForget }: {
  id: string;
  title: string;
  hint: string;
  drafts: UnsentDraft[];
  label: (draft: UnsentDraft) => string;
  forget: string;
  onForget: () => void;
}) {
  const { t } = useWords();
  const [copied, setCopied] = useState<boolean | null>(null);
  // AN-11: words kept to oneself stay off a shared screen, as one's unrevealed cards do; back when presenting is off
  const presenting = usePresenting();
  async function copy() {
    try {
      await navigator.clipboard.writeText(drafts.map((d) => d.text).join('\n\n'));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  if (presenting) return null;
  return (
    <section className="panel unsent-words" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p className="hint">{hint}</p>
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
        <button type="button" className="button" onClick={onForget}>
          {forget}
        </button>
        <span className="copy-status" role="status">
          {copied === true ? t('summary.unsentCopied') : copied === false ? t('summary.unsentCopyFailed') : ''}
        </span>
      </div>
    </section>
  );
}
