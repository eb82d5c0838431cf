import type { ReactNode } from 'react';

/**
 * The heading and a sentence or two that open each phase. The heading takes focus (tabIndex -1: not a Tab stop)
 * when the join form that had it goes away (UI-10, `BoardScreen`).
 */
export function PhaseIntro({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="phase-intro">
      <h2 tabIndex={-1}>{title}</h2>
      <p>{children}</p>
    </div>
  );
}
