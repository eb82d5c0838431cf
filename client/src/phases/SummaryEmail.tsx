import { useWords } from '../i18n/useWords.js';
import { useEffect, useState, type FormEvent } from 'react';
import { LIMITS } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { fetchFeatures } from '../sync/summaryRequests.js';
import { refusalMessage } from '../i18n/errors.js';
import { currentLanguage } from '../i18n/index.js';

/**
 * SU-1: at Close the facilitator emails the summary to addresses they type. The addresses go straight to
 * the server (not through the offline queue, so they are never written to this browser's storage) and the
 * field is cleared once sent. Hidden when the server has no SMTP_URL (SU-2).
 */
export function SummaryEmail() {
  const { t } = useWords();
  const session = useSession();
  const { isFacilitator } = useSessionState();
  const [available, setAvailable] = useState(false);
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  // PL-1: kept as what happened, worded at each render in the page's language (a language switch words it anew)
  const [result, setResult] = useState<{ ok: true; count: number } | { ok: false; refused: { code: string; message: string } } | null>(null);

  useEffect(() => {
    let live = true;
    void fetchFeatures().then((f) => live && setAvailable(f.email));
    return () => {
      live = false;
    };
  }, []);

  if (!isFacilitator || !available) return null;
  const addresses = to
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (addresses.length === 0 || busy) return;
    setBusy(true);
    const ack = await session.request({ type: 'summary.email', to: addresses, lang: currentLanguage() });
    setBusy(false);
    if (ack.ok) {
      setResult({ ok: true, count: addresses.length });
      setTo('');
    } else {
      setResult({ ok: false, refused: { code: ack.code, message: ack.message } });
    }
  }

  return (
    <form className="panel summary-email" onSubmit={onSubmit} aria-labelledby="summary-email-title">
      <h2 id="summary-email-title">{t('running.emailTitle')}</h2>
      <p className="hint">{t('running.emailHint')}</p>
      <label className="field">
        <span>{t('running.emailAddresses')}</span>
        <input type="text" inputMode="email" autoComplete="off" value={to} onChange={(e) => setTo(e.target.value)} placeholder="team@example.com" />
      </label>
      {addresses.length > LIMITS.emailRecipients && <p className="hint">{t('running.emailTooMany', { count: LIMITS.emailRecipients })}</p>}
      <button type="submit" className="primary" disabled={busy || addresses.length === 0 || addresses.length > LIMITS.emailRecipients}>
        {busy ? t('running.sending') : t('running.sendSummary')}
      </button>
      {result && (
        <p className={result.ok ? 'hint' : 'error'} role={result.ok ? 'status' : 'alert'}>
          {result.ok ? t('running.sent', { count: result.count }) : refusalMessage(result.refused)}
        </p>
      )}
    </form>
  );
}
