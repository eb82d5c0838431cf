import { useState } from 'react';
import { useWords } from '../i18n/useWords.js';
import { InlineConfirm } from '../facilitation/InlineConfirm.js';
import { forgetRetro } from '../home/myRetros.js';
import { navigate } from '../navigation.js';
import { useSession } from './SessionContext.js';

/**
 * MY-3: on a shared computer, leave the retro from the board itself and have this browser forget who you were on it
 * (MY-2's forgetting, without going through My retros), so whoever opens the board next here joins as someone new.
 * What you wrote, voted and answered stays on the board, anonymous; you just cannot edit it from here any more.
 */
export function ForgetMe() {
  const { t } = useWords();
  const session = useSession();
  const [confirming, setConfirming] = useState(false);

  function leave() {
    // the session stops first, so nothing it keeps (unsent commands, its identity) is written again after forgetting
    session.stop();
    forgetRetro(session.boardId);
    navigate('/');
  }

  return (
    <section className="panel forget-me" aria-labelledby="forget-me-title">
      <h2 id="forget-me-title">{t('running.forgetTitle')}</h2>
      {!confirming ? (
        <button type="button" className="small" onClick={() => setConfirming(true)}>
          {t('running.forgetButton')}
        </button>
      ) : (
        <InlineConfirm
          question={t('running.forgetQuestion')}
          hint={session.holdsFacilitatorKey ? `${t('running.forgetHint')} ${t('running.forgetHintCreator')}` : t('running.forgetHint')}
          confirmLabel={t('running.forgetYes')}
          onCancel={() => setConfirming(false)}
          onConfirm={leave}
        />
      )}
    </section>
  );
}
