import { type ReactNode, useLayoutEffect, useRef } from 'react';
import { headingAppeared } from '../a11y/phaseHeading.js';

/**
 * The heading and a sentence or two that open each phase. The heading takes focus (tabIndex -1: not a Tab stop)
 * when the join form that had it goes away (UI-10, `BoardScreen`).
 */
export function PhaseIntro({ title, children }: { title: string; children: ReactNode }) {
  // UI-10: a phase whose code arrived after the phase change takes the focus that change left nowhere
  const heading = useRef<HTMLHeadingElement | null>(null);
  useLayoutEffect(() => headingAppeared(heading.current), []);
  return (
    <div className="phase-intro">
      <h2 tabIndex={-1} ref={heading}>{title}</h2>
      {children && <p>{children}</p>}
    </div>
  );
}
