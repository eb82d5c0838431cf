import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { useSession, useSessionState } from './SessionContext.js';

const NOTICE_MS = 8000;

/** Refusals from the server (error acks), shown briefly; the server's word is final. */
export function Notices() {
  const { t } = useTranslation();
  const session = useSession();
  const { notices } = useSessionState();

  useEffect(() => {
    if (!notices.length) return;
    const timers = notices.map((n) => setTimeout(() => session.dismissNotice(n.id), NOTICE_MS));
    return () => timers.forEach(clearTimeout);
  }, [notices, session]);

  return (
    <div className="notices" aria-live="assertive">
      {notices.map((n) => (
        <div key={n.id} className="notice" role="alert">
          <span>{n.message}</span>
          <button type="button" className="link" aria-label={t('app.dismiss')} onClick={() => session.dismissNotice(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
