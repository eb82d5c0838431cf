import { useWords } from '../i18n/useWords.js';
import { useEffect, useState } from 'react';
import { useSession, useSessionState } from './SessionContext.js';

/** The header's honest word on the connection: connected, reconnecting (with "Reconnect now"), unanswered changes. */
export function ConnectionStatus() {
  const { t } = useWords();
  const session = useSession();
  const { connection, joined, pending, stalled } = useSessionState();
  const connected = connection === 'connected' && joined;
  const label = connected ? t('connection.connected') : connection === 'connecting' ? t('connection.connecting') : t('connection.reconnecting');
  return (
    <div className="connection-line">
      <p className={`connection ${connected ? 'ok' : 'waiting'}`} role="status" data-testid="connection-status" title={label}>
        <span className="dot" aria-hidden="true" />
        <span className="connection-label">{label}</span>
        {!connected && pending.length > 0 && <span className="pending-count"> {t('connection.waiting', { count: pending.length })}</span>}
      </p>
      {!connected && connection !== 'connecting' && (
        <button type="button" className="small" onClick={() => session.reconnectNow()}>
          {t('connection.reconnectNow')}
        </button>
      )}
      {connected && stalled > 0 && (
        <p className="stalled" role="status">
          {t('connection.stalled', { count: stalled })}{' '}
          <button type="button" className="link small" onClick={() => session.retryStalled()}>
            {t('connection.retry')}
          </button>
        </p>
      )}
    </div>
  );
}

/** After several drops in a minute, a note that stays until dismissed: the problem is the network, not you. */
export function UnstableNetworkNote() {
  const { t } = useWords();
  const { unstableDrops } = useSessionState();
  const [shown, setShown] = useState<number | null>(null);
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => {
    if (unstableDrops > 0) setShown(unstableDrops);
  }, [unstableDrops]);
  if (shown === null || dismissed) return null;
  return (
    <p className="banner unstable" role="status">
      <span>{t('connection.unstable', { count: shown })}</span>
      <button type="button" className="link small" aria-label={t('connection.dismissUnstable')} onClick={() => setDismissed(true)}>
        ×
      </button>
    </p>
  );
}
