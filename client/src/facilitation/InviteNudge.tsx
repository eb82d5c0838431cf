import { Suspense, useState } from 'react';
import type { PublicBoardView } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { lazyWithWords } from '../i18n/lazyWithWords.js';
import { shareLink } from './ShareButton.js';

const ShareDialog = lazyWithWords(() => import('./ShareDialog.js'), (m) => m.ShareDialog);

/**
 * SH-3: a facilitator who opens a new retro is alone on it, and inviting the others is the next thing to do: the
 * board says so, with a button to the link and its QR code (SH-1), until someone else is here. Only while the retro
 * is at its start (Review, Write): later in a retro everyone having left is no invitation to invite. The dialog
 * opened here stays open when the first person arrives: the others may still be scanning its code.
 */
export function InviteNudge({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const [sharing, setSharing] = useState(false);
  const alone = (board.phase === 'review' || board.phase === 'write') && board.participants.filter((p) => p.online).length <= 1;
  return (
    <>
      {alone && (
        <div className="banner invite">
          <span>{t('facilitation.invite.alone')}</span>
          <button type="button" className="small primary" aria-haspopup="dialog" onClick={() => setSharing(true)}>
            {t('facilitation.invite.button')}
          </button>
        </div>
      )}
      {sharing && (
        <Suspense fallback={null}>
          <ShareDialog link={shareLink(board.id)} onClose={() => setSharing(false)} />
        </Suspense>
      )}
    </>
  );
}
