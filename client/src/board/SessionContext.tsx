import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { BoardSession, type SessionState } from '../sync/BoardSession.js';
import type { Identity } from '../sync/identity.js';

const SessionContext = createContext<BoardSession | null>(null);

/** Opens one session for the lifetime of this subtree and closes it on unmount. */
export function SessionProvider({
  boardId,
  identity,
  facilitatorKey,
  children,
}: {
  boardId: string;
  identity: Identity;
  facilitatorKey: string | null;
  children: ReactNode;
}) {
  const [session, setSession] = useState<BoardSession | null>(null);
  useEffect(() => {
    const next = new BoardSession(boardId, identity, facilitatorKey);
    next.start();
    setSession(next);
    return () => next.stop();
  }, [boardId, identity, facilitatorKey]);
  if (!session) return null;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): BoardSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export function useSessionState(): SessionState {
  const session = useSession();
  return useSyncExternalStore(session.subscribe, session.getState);
}
