import { useWords } from '../i18n/useWords.js';
import { useEffect, useMemo, useState } from 'react';
import { useSessionState } from '../board/SessionContext.js';
import { nudgeNames } from './nudgeNames.js';

/**
 * The checks, once loaded: the first words typed on this page load them (a part of their own, not the board's first
 * load), so the first hint can come a moment after the words that earn it. Not loaded (offline after a new release),
 * no hint: the next words try again.
 */
let checks: typeof import('./blamelessCheck.js') | null = null;

/**
 * BL-1: a gentle hint under a card being written when it points at a person rather than at the system; BL-4: the
 * same under the reason a promise was not kept, where `alsoNamed` are the people whose promise it was.
 * BL-5: `byPhrasingOnly` under an item's shared notes and an offer of help, where naming who will help is the point:
 * there only blame phrasing earns the hint, not a name.
 * It never blocks posting. The live region is always there so a hint that appears is read out politely.
 */
export function BlamelessHint({ text, id, alsoNamed, byPhrasingOnly = false }: { text: string; id?: string; alsoNamed?: readonly string[]; byPhrasingOnly?: boolean }) {
  const { t } = useWords();
  const { board } = useSessionState();
  const names = useMemo(
    () => (byPhrasingOnly ? [] : nudgeNames(board?.participants ?? [], alsoNamed)),
    [byPhrasingOnly, board?.participants, alsoNamed],
  );
  const [, setLoaded] = useState(checks !== null);
  useEffect(() => {
    if (checks !== null || text === '') return;
    import('./blamelessCheck.js').then(
      (loaded) => {
        checks = loaded;
        setLoaded(true);
      },
      () => undefined,
    );
  }, [text]);
  const hint = checks?.blamelessHint(text, names);
  return (
    <p className="hint nudge" aria-live="polite" id={id}>
      {hint ? t('card.blameless') : null}
    </p>
  );
}
