import { useWords } from '../i18n/useWords.js';
import { REACTIONS, REACTION_EMOJI, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { usePresenting } from '../board/presenting.js';
import { useReadOnly } from '../facilitation/useReadOnly.js';

/**
 * RX-2: the five reactions on one item, as counts (never who). Mine are pressed; pressing again takes mine
 * back. Without `interactive` only the counts show, as on a locked board to all but the facilitator (LK-1: the
 * server would refuse a press). Hidden entirely when the facilitator turned them off.
 */
export function Reactions({ board, itemId, interactive }: { board: PublicBoardView; itemId: string; interactive: boolean }) {
  const { t } = useWords();
  const session = useSession();
  const { me } = useSessionState();
  const presenting = usePresenting();
  const readOnly = useReadOnly(board);
  if (!board.reactionsOn) return null;
  const counts = board.reactions[itemId] ?? {};
  // AN-11: while presenting, which reactions are mine is not shown (a press then only adds one)
  const mine = new Set(presenting ? [] : (me?.reactions[itemId] ?? []));
  if (!interactive || readOnly) {
    const shown = REACTIONS.filter((r) => (counts[r] ?? 0) > 0);
    if (shown.length === 0) return null;
    return (
      <p className="reaction-counts" aria-label={t('running.reactionsLabel')}>
        {shown.map((r) => (
          <span key={r} className="reaction-count" title={t(`running.reactions.${r}`)}>
            <span aria-hidden="true">{REACTION_EMOJI[r]}</span>
            <span className="visually-hidden">{t(`running.reactions.${r}`)}:</span> {counts[r]}
          </span>
        ))}
      </p>
    );
  }
  return (
    <div className="reactions" role="group" aria-label={t('running.reactTo')}>
      {REACTIONS.map((r) => {
        const on = mine.has(r);
        const n = counts[r] ?? 0;
        return (
          <button
            key={r}
            type="button"
            className={`reaction ${on ? 'on' : ''}`}
            aria-pressed={on}
            aria-label={t('running.reaction', { name: t(`running.reactions.${r}`), count: n })}
            onClick={() => session.send({ type: 'reaction.toggle', itemId, reaction: r, on: !on })}
          >
            <span aria-hidden="true">{REACTION_EMOJI[r]}</span>
            {n > 0 && <span className="n">{n}</span>}
          </button>
        );
      })}
    </div>
  );
}
