import { useTranslation } from 'react-i18next';
import { useSessionState } from './SessionContext.js';

export function ConnectionStatus() {
  const { t } = useTranslation();
  const { connection, joined, pending } = useSessionState();
  const connected = connection === 'connected' && joined;
  const label = connected ? t('connection.connected') : connection === 'connecting' ? t('connection.connecting') : t('connection.reconnecting');
  return (
    <p className={`connection ${connected ? 'ok' : 'waiting'}`} role="status" data-testid="connection-status">
      <span className="dot" aria-hidden="true" />
      {label}
      {!connected && pending.length > 0 && <span className="pending-count"> {t('connection.waiting', { count: pending.length })}</span>}
    </p>
  );
}
