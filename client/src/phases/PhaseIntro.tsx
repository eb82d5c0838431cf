import type { ReactNode } from 'react';

/** The heading and a sentence or two that open each phase. */
export function PhaseIntro({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="phase-intro">
      <h2>{title}</h2>
      <p>{children}</p>
    </div>
  );
}
