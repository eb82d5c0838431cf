import { useWords } from '../i18n/useWords.js';
import { useMemo } from 'react';
import { blamelessHint } from '@candor/shared';
import { useSessionState } from '../board/SessionContext.js';

/**
 * BL-1: a gentle hint under a card being written when it points at a person rather than at the system.
 * It never blocks posting. The live region is always there so a hint that appears is read out politely.
 */
export function BlamelessHint({ text, id }: { text: string; id?: string }) {
  const { t } = useWords();
  const { board } = useSessionState();
  const names = useMemo(() => board?.participants.map((p) => p.name) ?? [], [board?.participants]);
  const hint = blamelessHint(text, names);
  return (
    <p className="hint nudge" aria-live="polite" id={id}>
      {hint ? t('card.blameless') : null}
    </p>
  );
}
