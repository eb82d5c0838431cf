import { useRef } from 'react';
import { useWords } from '../i18n/useWords.js';
import type { PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { pendingVoteDelta, pendingVotesTotal } from '../cards/pendingChanges.js';
import { shortText } from '../cards/items.js';
import { useReadOnly } from '../facilitation/useReadOnly.js';
import { usePresenting } from '../board/presenting.js';

/** My votes on one item. Only my own count is shown: tallies stay hidden until voting closes. */
export function VoteControls({ board, itemId, label }: { board: PublicBoardView; itemId: string; label: string }) {
  const { t } = useWords();
  const session = useSession();
  const { me, notInMe } = useSessionState();
  const readOnly = useReadOnly(board);
  const removeButton = useRef<HTMLButtonElement>(null);
  // AN-11: my votes (dots, and which buttons are enabled) would show where I voted: nothing while presenting.
  if (usePresenting()) return null;
  const mine = Math.max(0, (me?.votes[itemId] ?? 0) + pendingVoteDelta(notInMe, itemId));
  const left = Math.max(0, (me?.votesLeft ?? 0) - pendingVotesTotal(notInMe));
  const name = shortText(label, 40);
  return (
    <div className="vote-controls">
      <button
        type="button"
        className="vote-button"
        ref={removeButton}
        aria-label={t('vote.remove', { name })}
        disabled={readOnly || mine === 0}
        onClick={() => session.send({ type: 'vote.retract', itemId })}
      >
        −
      </button>
      <span className="my-votes" aria-label={t('vote.yours', { count: mine })}>
        {'●'.repeat(mine)}
        {'○'.repeat(Math.max(0, board.settings.perItemCap - mine))}
      </span>
      <button
        type="button"
        className="vote-button"
        aria-label={t('vote.add', { name })}
        disabled={readOnly || left === 0 || mine >= board.settings.perItemCap}
        onClick={() => {
          session.send({ type: 'vote.cast', itemId });
          // UI-10: a press that uses up this button moves the keyboard user to "remove" beside it (enabled by
          // the time the next frame is drawn), instead of leaving focus on a disabled button.
          if (mine + 1 >= board.settings.perItemCap || left - 1 <= 0) requestAnimationFrame(() => removeButton.current?.focus());
        }}
      >
        +
      </button>
    </div>
  );
}

export function VotesLeft() {
  const { t } = useWords();
  const { me, notInMe } = useSessionState();
  const presenting = usePresenting();
  const left = Math.max(0, (me?.votesLeft ?? 0) - pendingVotesTotal(notInMe));
  if (presenting) {
    return (
      <p className="votes-left" role="status">
        {t('privacy.hiddenVotes')}
      </p>
    );
  }
  return (
    <p className="votes-left" role="status">
      {t('vote.left', { count: left })}
    </p>
  );
}
