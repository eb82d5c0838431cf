import { useWords } from '../i18n/useWords.js';
import { useEffect, useRef, useState } from 'react';
import type { PublicBoardView } from '@candor/shared';
import { i18n } from '../i18n/index.js';
import { useSession, useSessionState } from './SessionContext.js';
import { ownerBannerShows } from './ownerBannerShows.js';

const SHOW_MS = 15_000;

type LogEntry = PublicBoardView['facilitatorLog'][number];

/**
 * FA-4: a change of facilitator is said out loud to the whole room, so nobody wonders who holds it — except to the
 * creator (who holds the facilitator key) when the role went to someone else: FA-6's banner says that, with "Take
 * it back", and the same news twice reads as two events. Decided from the log alone, which arrives with the board:
 * the creator's own `isFacilitator` may still say yes when it does.
 */
export function announcement(log: readonly LogEntry[], viewer: { holdsFacilitatorKey: boolean; name: string | null }): string | null {
  const last = log[log.length - 1];
  if (!last) return null;
  if (viewer.holdsFacilitatorKey && last.how !== 'reclaim' && last.name !== viewer.name) return null;
  const previous = log[log.length - 2];
  if (last.how === 'handover') return i18n.t('announce.handover', { name: last.name });
  if (last.how === 'claim') return i18n.t('announce.claim', { name: last.name, previous: previous?.name ?? i18n.t('announce.theFacilitator') });
  if (last.how === 'reclaim') return i18n.t('announce.reclaim', { name: last.name });
  return i18n.t('announce.plain', { name: last.name });
}

export function FacilitatorAnnouncer({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const state = useSessionState();
  const ownerBanner = ownerBannerShows({ holdsFacilitatorKey: session.holdsFacilitatorKey, isFacilitator: state.isFacilitator, joined: state.joined }, board);
  const seen = useRef<number | null>(null);
  // PL-1: the news is kept as the log it came from and worded at each render, so a language switch words it anew
  const [news, setNews] = useState<{ log: readonly LogEntry[]; viewer: Parameters<typeof announcement>[1] } | null>(null);
  const length = board.facilitatorLog.length;

  useEffect(() => {
    // What happened before this page opened is history, not news.
    if (seen.current === null) {
      seen.current = length;
      return;
    }
    if (length > seen.current) {
      const viewer = { holdsFacilitatorKey: session.holdsFacilitatorKey, name: state.me?.name ?? null };
      setNews(announcement(board.facilitatorLog, viewer) === null ? null : { log: board.facilitatorLog, viewer });
    }
    seen.current = length;
  }, [length, board.facilitatorLog, session.holdsFacilitatorKey, state.me?.name]);

  useEffect(() => {
    if (!news) return;
    const timer = setTimeout(() => setNews(null), SHOW_MS);
    return () => clearTimeout(timer);
  }, [news]);
  // FA-4: who holds the role is news while the room runs; once it is closed nobody runs it, and the summary says who
  // facilitated (EX-12): the line goes with the Close instead of greeting the summary's readers until its 15 s are up
  const closed = board.phase === 'closed';
  useEffect(() => {
    if (closed) setNews(null);
  }, [closed]);
  const message = news && !closed && announcement(news.log, news.viewer);

  return (
    <div className="announcer" role="status" aria-live="polite">
      {/* the banner and the announcement never stand side by side, whatever order the board and my view arrive in */}
      {message && !ownerBanner && (
        <p className="banner announce">
          <span>{message}</span>
          <button type="button" className="link small" aria-label={t('announce.dismiss')} onClick={() => setNews(null)}>
            ×
          </button>
        </p>
      )}
    </div>
  );
}
