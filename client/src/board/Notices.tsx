import { useWords } from '../i18n/useWords.js';
import { useEffect, useState, type ReactNode } from 'react';
import { useSession, useSessionState } from './SessionContext.js';
import { formatNumber } from '../i18n/format.js';

/** How long a notice stays once it is on screen (paused while the pointer or focus is on it). */
const NOTICE_MS = 8000;
/** The oldest few are shown; the rest wait their turn instead of pushing these out unread. */
const VISIBLE = 3;

/** Refusals from the server (error acks) and other messages, each readable before the next takes its place. */
export function Notices() {
  const { t } = useWords();
  const session = useSession();
  const { notices } = useSessionState();
  const [held, setHeld] = useState(false);
  const shown = notices.slice(0, VISIBLE);
  const waiting = notices.length - shown.length;

  return (
    <div className="notices" onMouseEnter={() => setHeld(true)} onMouseLeave={() => setHeld(false)} onFocus={() => setHeld(true)} onBlur={() => setHeld(false)}>
      {shown.map((n) => (
        <NoticeItem key={n.id} id={n.id} held={held} seen={`${n.words()}#${n.count}`}>
          <span>
            {n.words()}
            {n.count > 1 && <span className="notice-count"> ×{formatNumber(n.count)}</span>}
          </span>
          <button type="button" className="link" aria-label={t('app.dismiss')} onClick={() => session.dismissNotice(n.id)}>
            ×
          </button>
        </NoticeItem>
      ))}
      {waiting > 0 && <p className="notice-more">{t('notices.more', { count: waiting })}</p>}
    </div>
  );
}

/** One notice: its clock starts when it is on screen and restarts when its words change. */
function NoticeItem({ id, held, seen, children }: { id: string; held: boolean; seen: string; children: ReactNode }) {
  const session = useSession();
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(() => session.dismissNotice(id), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [id, held, seen, session]);
  return (
    <div className="notice" role="alert">
      {children}
    </div>
  );
}
