import { useState } from 'react';
import type { TeamAction, TeamRetro } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { refusalMessage } from '../i18n/errors.js';
import { markPromise, mayMarkPromise } from '../sync/markPromise.js';

/**
 * RE-13: between retros, whoever promised to help with an action says it is done, on the team page, as TeamRetro's,
 * Parabol's and EasyRetro's action lists let an owner update an action any time: before, nothing could be said until
 * the next Review asked the room. Only for a promise of a closed retro (in the retro the room ticks it, AC-6), and
 * only in a browser that was in that retro under an owner's name; the server checks it is an owner. The next Review
 * shows it, and the room still confirms it there (RE-2).
 */
export function MarkMyPromise({ action, retro, onMarked }: { action: TeamAction; retro: TeamRetro | undefined; onMarked: () => void }) {
  const { t } = useWords();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ alert: boolean; text: string } | null>(null);
  if (!retro || retro.phase !== 'closed' || !mayMarkPromise(retro.boardId, action.owners)) return null;
  const done = action.ownerDone !== null;
  const text = action.text || t('team.noText');
  const mark = async () => {
    setBusy(true);
    setSaid(null);
    const ack = await markPromise(retro.boardId, action.ref.slice(retro.boardId.length + 1), !done);
    setBusy(false);
    setSaid(ack.ok ? { alert: false, text: t(done ? 'team.unmarkedDone' : 'team.markedDone') } : { alert: true, text: refusalMessage(ack) });
    if (ack.ok) onMarked();
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
