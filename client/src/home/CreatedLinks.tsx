import { useWords } from '../i18n/useWords.js';
import { useState } from 'react';
import type { CreateBoardResponse } from '@candor/shared';
import { navigate } from '../navigation.js';

export function CreatedLinks({ created }: { created: CreateBoardResponse }) {
  const participantPath = `/b/${created.boardId}`;
  const facilitatorPath = `${participantPath}#f=${created.facilitatorKey}`;
  const participantLink = `${location.origin}${participantPath}`;
  const facilitatorLink = `${location.origin}${facilitatorPath}`;
  const { t } = useWords();
  const [copied, setCopied] = useState<'participant' | 'facilitator' | null>(null);

  async function copy(which: 'participant' | 'facilitator') {
    setCopied((await copyText(which === 'participant' ? participantLink : facilitatorLink)) ? which : null);
  }

  return (
    <section className="panel created" aria-labelledby="created-title">
      <h2 id="created-title">{t('home.ready', { name: created.name })}</h2>
      <div className="link-row">
        <label className="field grow">
          <span>{t('home.participantLink')}</span>
          <input readOnly value={participantLink} onFocus={(e) => e.currentTarget.select()} />
        </label>
        <button type="button" onClick={() => copy('participant')} aria-label={t('home.copyParticipant')}>
          {t('app.copy')}
        </button>
      </div>
      <p className="hint" role="status">
        {copied === 'participant' ? t('home.copied') : t('home.shareHint')}
      </p>
      <div className="link-row">
        <label className="field grow">
          <span>{t('home.facilitatorLink')}</span>
          <input readOnly value={facilitatorLink} onFocus={(e) => e.currentTarget.select()} />
        </label>
        <button type="button" onClick={() => copy('facilitator')} aria-label={t('home.copyFacilitator')}>
          {t('app.copy')}
        </button>
      </div>
      <p className="hint" role="status">
        {copied === 'facilitator' ? t('home.facilitatorCopied') : t('home.facilitatorHint')}
      </p>
      <button type="button" className="primary" onClick={() => navigate(facilitatorPath)}>
        {t('home.openBoard')}
      </button>
    </section>
  );
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API needs a secure context; fall back to the old way.
    const area = document.createElement('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
