import { memo, useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { useWords } from '../i18n/useWords.js';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { pendingVoteDelta, pendingVotesTotal } from './pendingVotes.js';
import { shortText } from '../cards/items.js';
import { setPresenting, usePresenting } from '../board/presenting.js';
import { voteRefusal, type VoteRefusal } from './voteRefusal.js';
import { unsentVotes } from './unsentVotes.js';
import { LOCKED_LINE_ID } from '../facilitation/useReadOnly.js';

/** VO-14: the keys a vote button answers besides Enter and Space, as `aria-keyshortcuts` spells them */
const COLUMN_KEYS = 'ArrowUp ArrowDown';

/**
 * VO-14: ↑ and ↓ on a vote button go to the same button of the item above or below in its column (to "Vote for" where
 * there is no vote to remove), and ↑ from the column's first item to "I'm done voting" in the band above the columns:
 * between one item's votes and the next were its cards' menus, and in the five-person walk the item above was 18 Tabs
 * on, "I'm done voting" 17. The items go in the order the column shows them.
 */
function toNeighbourVote(event: KeyboardEvent<HTMLDivElement>): void {
  if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const from = event.target as HTMLElement;
  const kind = from.dataset['vote'];
  const column = from.closest('.column');
  if (!kind || !column) return;
  event.preventDefault();
  const rows = [...column.querySelectorAll<HTMLElement>('.vote-controls')];
  const at = rows.indexOf(event.currentTarget);
  const row = rows[at + (event.key === 'ArrowUp' ? -1 : 1)];
  const target = row
    ? (row.querySelector<HTMLButtonElement>(`[data-vote="${kind}"]:enabled`) ?? row.querySelector<HTMLButtonElement>('[data-vote="cast"]'))
    : event.key === 'ArrowUp'
      ? document.querySelector<HTMLButtonElement>('.vote-band .done-toggle button')
      : null;
  target?.focus();
}

/** RC-13: where my changes to my votes are, for the words that say they do not count yet */
const offline = ({ connection, joined }: { connection: string; joined: boolean }) => connection !== 'connected' || !joined;

/**
 * My votes on one item. Only my own count is shown: tallies stay hidden until voting closes. It reads from the session
 * just my votes on it and whether I have one left, so a change elsewhere (someone joining, a card grouped) does not draw it again.
 */
export const VoteControls = memo(function VoteControls({ itemId, label, perItemCap, readOnly }: { itemId: string; label: string; perItemCap: number; readOnly: boolean }) {
  const { t } = useWords();
  const session = useSession();
  const mine = useSyncExternalStore(session.subscribe, () => {
    const { me, notInMe } = session.getState();
    return Math.max(0, (me?.votes[itemId] ?? 0) + pendingVoteDelta(notInMe, itemId));
  });
  // whether I have a vote left, not how many: each vote of mine changes the count, and every item's controls were drawn again
  const left = useSyncExternalStore(session.subscribe, () => {
    const { me, notInMe } = session.getState();
    return (me?.votesLeft ?? 0) - pendingVotesTotal(notInMe) > 0 ? 1 : 0;
  });
  // RC-13: whether my votes here are not what the server has: 0 they are, 1 sending (connected), 2 not sent yet
  // (offline); and how many of my votes here it has, as my personal view says (the dots past them are unsent; hollow
  // dots under them, taken back). A change my view already includes is the server's, its answer on the way or not.
  const unsent = useSyncExternalStore(session.subscribe, () => {
    const state = session.getState();
    return unsentVotes(state.notInMe, itemId) === 0 ? 0 : offline(state) ? 2 : 1;
  });
  const answered = useSyncExternalStore(session.subscribe, () => session.getState().me?.votes[itemId] ?? 0);
  // the refusal a press of "Vote for" ran into, said while it still holds
  const [pressedAgainst, setPressedAgainst] = useState<VoteRefusal | null>(null);
  // AN-11: my votes (dots, and which buttons are enabled) would show where I voted: nothing while presenting.
  if (usePresenting()) return null;
  const name = shortText(label, 40);
  const refusal = voteRefusal(mine, left, perItemCap);
  return (
    <div className="vote-controls" onKeyDown={toNeighbourVote}>
      <button
        type="button"
        className="vote-button"
        data-vote="retract"
        aria-keyshortcuts={COLUMN_KEYS}
        aria-label={t('vote.remove', { name })}
        disabled={readOnly || mine === 0}
        aria-describedby={readOnly ? LOCKED_LINE_ID : undefined}
        onClick={() => session.send({ type: 'vote.retract', itemId })}
      >
        −
      </button>
      {/* UI-27: a picture of my votes, named in words (an aria-label on a plain span is dropped, and the dots were read) */}
      <span className="my-votes" role="img" aria-label={t('vote.yours', { count: mine })}>
        {'●'.repeat(Math.min(mine, answered))}
        {/* RC-13: votes cast and votes taken back that the server has not answered, drawn apart */}
        {unsent > 0 && mine !== answered && <span className="unsent">{(mine > answered ? '●' : '○').repeat(Math.abs(mine - answered))}</span>}
        {'○'.repeat(Math.max(0, perItemCap - Math.max(mine, answered)))}
      </span>
      <button
        type="button"
        className="vote-button"
        data-vote="cast"
        aria-keyshortcuts={COLUMN_KEYS}
        aria-label={t('vote.add', { name })}
        disabled={readOnly}
        // LK-1: locked, both buttons are disabled and say why (the banner's line)
        aria-describedby={readOnly ? LOCKED_LINE_ID : undefined}
        // UI-10: at the cap or out of votes it keeps focus (aria-disabled, not disabled) and a press says why. Disabled,
        // focus had to go somewhere, and it went to "Remove vote" beside it: the next Enter took a vote back.
        aria-disabled={refusal ? true : undefined}
        onClick={() => {
          setPressedAgainst(refusal);
          if (!refusal) session.send({ type: 'vote.cast', itemId });
        }}
      >
        +
      </button>
      {/* RC-13: a vote counts once the server has it. Offline it says so at once; connected, only if the answer is slow
          (the mark waits a moment: an answer in time is no news) */}
      {unsent > 0 && <span className={`badge sending${unsent === 1 ? ' later' : ''}`}>{t(unsent === 2 ? 'vote.notSent' : 'vote.sending')}</span>}
      <span className="visually-hidden" role="status">
        {refusal && refusal === pressedAgainst ? t(`errors.${refusal}`) : ''}
      </span>
    </div>
  );
});

export function VotesLeft() {
  const { t } = useWords();
  const { me, notInMe, connection, joined } = useSessionState();
  const presenting = usePresenting();
  // AN-11: "Stop presenting to vote" goes with presenting; focus goes to the first vote it gave back (UI-10), or beside
  // it to "I'm done voting" where the column shown has none (a phone's empty column)
  const toFirstVote = useRef(false);
  useEffect(() => {
    if (presenting || !toFirstVote.current) return;
    toFirstVote.current = false;
    (document.querySelector<HTMLButtonElement>('.vote-controls [data-vote="cast"]') ?? document.querySelector<HTMLButtonElement>('.vote-band .done-toggle button'))?.focus();
  }, [presenting]);
  const left = Math.max(0, (me?.votesLeft ?? 0) - pendingVotesTotal(notInMe));
  // RC-13: what is left counts my changes not sent yet; the server decides whether they count, so offline it says so
  const unsent = offline({ connection, joined }) ? unsentVotes(notInMe) : 0;
  // AN-11: my votes and the vote buttons are hidden while I present; the line says why, and its button is the way to
  // vote (a presenting facilitator found no vote to give, and the note named a header button a phone had scrolled away)
  if (presenting) {
    return (
      <>
        <p className="votes-left" role="status">
          {t('privacy.hiddenVotes')}
        </p>
        <button
          type="button"
          className="small"
          onClick={() => {
            toFirstVote.current = true;
            setPresenting(false);
          }}
        >
          {t('privacy.stopToVote')}
        </button>
      </>
    );
  }
  return (
    <p className="votes-left" role="status">
      {unsent > 0 ? t('vote.leftUnsent', { left: t('vote.leftShort', { count: left }), count: unsent }) : t('vote.left', { count: left })}
    </p>
  );
}
