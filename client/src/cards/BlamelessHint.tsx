import { useWords } from '../i18n/useWords.js';
import { useMemo } from 'react';
import { blamelessHint } from '@candor/shared';
import { useSessionState } from '../board/SessionContext.js';
import { nudgeNames } from './nudgeNames.js';

/**
 * BL-1: a gentle hint under a card being written when it points at a person rather than at the system; BL-4: the
 * same under the reason a promise was not kept, where `alsoNamed` are the people whose promise it was.
 * It never blocks posting. The live region is always there so a hint that appears is read out politely.
 */
export function BlamelessHint({ text, id, alsoNamed }: { text: string; id?: string; alsoNamed?: readonly string[] }) {
  const { t } = useWords();
  const { board } = useSessionState();
  const names = useMemo(() => nudgeNames(board?.participants ?? [], alsoNamed), [board?.participants, alsoNamed]);
  const hint = blamelessHint(text, names);
  return (
    <p className="hint nudge" aria-live="polite" id={id}>
      {hint ? t('card.blameless') : null}
    </p>
  );
}
