import { Suspense, useState } from 'react';
import { useWords } from '../i18n/useWords.js';
import { lazyWithWords } from '../i18n/lazyWithWords.js';

// The dialog draws a QR code; its library is larger than the rest of the board page's own code, so it loads
// only when someone opens the dialog.
const ShareDialog = lazyWithWords(() => import('./ShareDialog.js'), (m) => m.ShareDialog);

/** SH-1: the participant link of this board — never the facilitator link (its key lives in the hash only). */
export function shareLink(boardId: string): string {
  return `${location.origin}/b/${encodeURIComponent(boardId)}`;
}

/** SH-1: everyone can share the board: the link as text, a copy button and a QR code for phones in the room. */
export function ShareButton({ boardId }: { boardId: string }) {
  const { t } = useWords();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="small" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('facilitation.share.button')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <ShareDialog link={shareLink(boardId)} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
