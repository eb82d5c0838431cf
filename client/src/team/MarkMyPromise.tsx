import { useState } from 'react';
import type { Ack } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { refusalMessage } from '../i18n/errors.js';
import { markPromise } from '../sync/markPromise.js';

/**
 * RE-13: between retros, whoever promised to help with an action says it is done, as TeamRetro's, Parabol's and
 * EasyRetro's action lists let an owner update an action any time: before, nothing could be said until the next Review
 * asked the room. On the team page and on the closed retro's own summary, where the owner comes back to it. Shown by
 * its callers only where the server would take it (an owner of a closed retro's promise, as the room knows them:
 * `useMine`, or the summary's own `actionIds`); the server checks all the same, and a refusal says what it is.
 * The next Review shows it, and the room still confirms it there (RE-2).
 */
export function MarkMyPromise({ boardId, actionId, text, done, onMarked }: { boardId: string; actionId: string; text: string; done: boolean; onMarked?: () => void }) {
  const { t } = useWords();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ alert: boolean; text: string } | null>(null);
  const mark = async () => {
    setBusy(true);
    setSaid(null);
    const ack = await markPromise(boardId, actionId, !done);
    setBusy(false);
    setSaid(ack.ok ? { alert: false, text: t(done ? 'team.unmarkedDone' : 'team.markedDone') } : { alert: true, text: refusedWords(ack, t) });
    if (ack.ok) onMarked?.();
  };
  return (
    <span className="mark-promise">
      <button type="button" className="small" disabled={busy} aria-label={t(done ? 'team.undoDoneLabel' : 'team.markDoneLabel', { text })} onClick={() => void mark()}>
        {busy ? t('team.marking') : t(done ? 'team.undoDone' : 'team.markDone')}
      </button>
      <span role={said?.alert ? 'alert' : 'status'} className="hint">
        {said?.text ?? ''}
      </span>
    </span>
  );
}

/** A refusal of the mark in its own words: "You can only change your own cards." said nothing of a promise. */
function refusedWords(ack: Extract<Ack, { ok: false }>, t: ReturnType<typeof useWords>['t']): string {
  if (ack.code === 'NOT_YOURS') return t('team.markNotYours');
  if (ack.code === 'BAD_CREDENTIALS' || ack.code === 'NOT_JOINED') return t('team.markNotKnown');
  return refusalMessage(ack);
}
