import { useEffect, useRef, useState } from 'react';
import QRCode from 'qrcode';
import { useWords } from '../i18n/useWords.js';

/** SH-1: the participant link as text, a copy button and a QR code for phones in the room. */
export function ShareDialog({ link, onClose }: { link: string; onClose: () => void }) {
  const { t } = useWords();
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
      <h2 id="share-title">{t('facilitation.share.title')}</h2>
      <p className="hint">{t('facilitation.share.hint')}</p>
      <label className="field">
        <span>{t('facilitation.share.link')}</span>
        <input readOnly value={link} onFocus={(e) => e.target.select()} />
      </label>
      <div className="row">
        <button type="button" className="primary" onClick={() => void copy()}>
          {t('facilitation.share.copy')}
        </button>
        <span role="status" className="hint">
          {copied === 'yes' ? t('facilitation.share.copied') : copied === 'no' ? t('facilitation.share.copyBlocked') : ''}
        </span>
      </div>
      {qr ? (
        <img className="qr" src={qr} width={220} height={220} alt={t('facilitation.share.qrAlt')} />
      ) : (
        <p className="hint">{t('facilitation.share.drawing')}</p>
      )}
      <div className="row dialog-buttons">
        <button type="button" onClick={onClose}>
          {t('facilitation.share.close')}
        </button>
      </div>
    </dialog>
  );
}
