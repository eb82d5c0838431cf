import type { ReactNode, RefObject } from 'react';
import { useRoomyHeader } from '../layout/useRoomyHeader.js';

/**
 * The board's header row. Its own component so that measuring whether past phases' names fit (UI-28) draws the
 * header again and nothing else: `children` are the same elements from one measurement to the next.
 */
export function BoardHeader({ headerRef, holds, children }: { headerRef: RefObject<HTMLElement | null>; holds: string; children: ReactNode }) {
  const room = useRoomyHeader(headerRef, holds);
  return (
    <header className={room === 'roomy' ? 'board-header roomy' : room === 'numbered' ? 'board-header later-numbered' : 'board-header'} ref={headerRef}>
      {children}
    </header>
  );
}
