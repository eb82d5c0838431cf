import { useWords } from '../i18n/useWords.js';
import { useState } from 'react';
import { useSession, useSessionState } from './SessionContext.js';
import { refusalMessage } from '../i18n/errors.js';
import { InlineConfirm } from '../facilitation/InlineConfirm.js';

/** BD-1: only the creator's browser (holding the facilitator link) sees this; it asks before deleting. */
export function DeleteBoard({ boardName }: { boardName: string }) {
  const { t } = useWords();
  const session = useSession();
  const { joined } = useSessionState();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!session.holdsFacilitatorKey) return null;

  async function remove() {
    setBusy(true);
    const ack = await session.request({ type: 'board.delete' });
    setBusy(false);
    setConfirming(false);
    if (!ack.ok) session.say(() => refusalMessage(ack));
  }

  return (
    <section className="panel danger-zone" aria-labelledby="delete-board-title">
      <h2 id="delete-board-title">{t('running.deleteTitle')}</h2>
      {!confirming ? (
        <button type="button" className="small danger" disabled={!joined} onClick={() => setConfirming(true)}>
          {t('running.deleteRetro')}
        </button>
      ) : (
        <InlineConfirm
          question={t('running.deleteQuestion')}
          hint={t('running.deleteHint', { name: boardName })}
          confirmLabel={t('running.deleteYes')}
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void remove()}
        />
      )}
    </section>
  );
}
