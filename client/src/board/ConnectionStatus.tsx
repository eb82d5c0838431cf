import { useSessionState } from './SessionContext.js';

export function ConnectionStatus() {
  const { connection, joined, pending } = useSessionState();
  const connected = connection === 'connected' && joined;
  const label = connected ? 'Connected' : connection === 'connecting' ? 'Connecting…' : 'Reconnecting… your changes are kept';
  return (
    <p className={`connection ${connected ? 'ok' : 'waiting'}`} role="status" data-testid="connection-status">
      <span className="dot" aria-hidden="true" />
      {label}
      {!connected && pending.length > 0 && <span className="pending-count"> ({pending.length} waiting to send)</span>}
    </p>
  );
}
