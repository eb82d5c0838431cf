import { responsibilityHint } from '@candor/shared';

/**
 * RN-1: a gentle hint under an action whose text hands the work to someone absent or to nobody. It never
 * blocks; the live region is always there so a hint that appears is read out politely.
 */
export function ResponsibilityHint({ text, id }: { text: string; id?: string }) {
  return (
    <p className="hint nudge" aria-live="polite" id={id}>
      {responsibilityHint(text)}
    </p>
  );
}
