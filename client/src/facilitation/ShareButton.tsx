import { useEffect, useRef, useState } from 'react';
import QRCode from 'qrcode';

/** SH-1: the participant link of this board — never the facilitator link (its key lives in the hash only). */
export function shareLink(boardId: string): string {
  return `${location.origin}/b/${encodeURIComponent(boardId)}`;
}

/** SH-1: everyone can share the board: the link as text, a copy button and a QR code for phones in the room. */
export function ShareButton({ boardId }: { boardId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="small" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Share
      </button>
      {open && <ShareDialog link={shareLink(boardId)} onClose={() => setOpen(false)} />}
    </>
  );
}

function ShareDialog({ link, onClose }: { link: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  useEffect(() => {
    let cancelled = false;
    void QRCode.toDataURL(link, { margin: 1, width: 220, errorCorrectionLevel: 'M' }).then((url) => {
      if (!cancelled) setQr(url);
    });
    return () => {
      cancelled = true;
    };
  }, [link]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('yes');
    } catch {
      // Without clipboard permission the link stays selectable in the field.
      setCopied('no');
    }
  }

  return (
    <dialog ref={ref} className="dialog share" aria-labelledby="share-title" onCancel={onClose}>
      <h2 id="share-title">Invite people to this retro</h2>
      <p className="hint">Anyone with this link can join as a participant. It does not make them facilitator.</p>
      <label className="field">
        <span>Link to this retro</span>
        <input readOnly value={link} onFocus={(e) => e.target.select()} />
      </label>
      <div className="row">
        <button type="button" className="primary" onClick={() => void copy()}>
          Copy link
        </button>
        <span role="status" className="hint">
          {copied === 'yes' ? 'Copied.' : copied === 'no' ? 'Copying is blocked here; select the link and copy it.' : ''}
        </span>
      </div>
      {qr ? <img className="qr" src={qr} width={220} height={220} alt="QR code of the link to this retro" /> : <p className="hint">Drawing the QR code…</p>}
      <div className="row dialog-buttons">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
