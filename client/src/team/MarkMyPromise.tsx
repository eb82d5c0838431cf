import { useEffect, useState, useSyncExternalStore } from 'react';
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
 * The next Review shows it (or the Review open now that lists it, named), and the room still confirms it there (RE-2).
 */
export function MarkMyPromise({
  boardId,
  actionId,
  text,
  done,
  onMarked,
  inTeam = true,
}: {
  boardId: string;
  actionId: string;
  text: string;
  done: boolean;
  onMarked?: () => void;
  /** a retro of a team: a later Review shows the mark (outside a team there is no Review to speak of) */
  inTeam?: boolean;
}) {
  const { t } = useWords();
  const [busy, setBusy] = useState(false);
  const key = `${boardId}:${actionId}`;
  const said = useSyncExternalStore(onSaid, lastSaid);
  // the status says the latest thing: shown under the row last marked only, and gone once the promise is no longer as it
  // said (taken back, here or in another browser), where it stayed until a reload
  const mineSaid = said?.key === key ? said : null;
  const [reached, setReached] = useState<Said | null>(null);
  useEffect(() => {
    if (mineSaid && done === mineSaid.done) setReached(mineSaid);
  }, [done, mineSaid]);
  const shown = mineSaid && (mineSaid.done === null || done === mineSaid.done || reached !== mineSaid) ? mineSaid : null;
  const mark = async () => {
    setBusy(true);
    say(null);
    const ack = await markPromise(boardId, actionId, !done);
    setBusy(false);
    say(ack.ok ? { key, alert: false, text: markedWords(done, inTeam, ack.data?.reviewNow ?? null, t), done: !done } : { key, alert: true, text: refusedWords(ack, done, t), done: null });
    if (ack.ok) onMarked?.();
  };
  return (
    <span className="mark-promise">
      <button type="button" className="small" disabled={busy} aria-label={t(done ? 'team.undoDoneLabel' : 'team.markDoneLabel', { text })} onClick={() => void mark()}>
        {busy ? t('team.marking') : t(done ? 'team.undoDone' : 'team.markDone')}
      </button>
      <span role={shown?.alert ? 'alert' : 'status'} className="hint">
        {shown?.text ?? ''}
      </span>
    </span>
  );
}

/** The page's one latest word on a mark: which row (board:action), what it said, and the state it said (null: a refusal). */
interface Said {
  key: string;
  alert: boolean;
  text: string;
  done: boolean | null;
}
let latest: Said | null = null;
const listeners = new Set<() => void>();
function say(said: Said | null): void {
  latest = said;
  for (const listener of listeners) listener();
}
function lastSaid(): Said | null {
  return latest;
}
function onSaid(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * What a mark taken says: where the room confirms it. "The next Review shows it" was said while a later retro's Review
 * already showed it (made ahead, or the room in it); that Review is named, as the server read it when it answered. A
 * retro outside a team has no next Review: its summary is where the word is read.
 */
function markedWords(takenBack: boolean, inTeam: boolean, reviewNow: string | null, t: ReturnType<typeof useWords>['t']): string {
  if (takenBack) return t('team.unmarkedDone');
  if (!inTeam) return t('team.markedDoneNoTeam');
  return reviewNow === null ? t('team.markedDone') : t('team.markedDoneInReview', { name: reviewNow });
}

/** A refusal of the mark in its own words: "You can only change your own cards." said nothing of a promise. */
function refusedWords(ack: Extract<Ack, { ok: false }>, takingBack: boolean, t: ReturnType<typeof useWords>['t']): string {
  if (ack.code === 'NOT_YOURS') return t(takingBack ? 'team.unmarkNotYours' : 'team.markNotYours');
  if (ack.code === 'BAD_CREDENTIALS' || ack.code === 'NOT_JOINED') return t('team.markNotKnown');
  return refusalMessage(ack);
}
