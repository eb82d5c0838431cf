import { useState } from 'react';
import type { CreateBoardResponse } from '@candor/shared';
import { navigate } from '../navigation.js';

export function CreatedLinks({ created, name }: { created: CreateBoardResponse; name: string }) {
  const participantPath = `/b/${created.boardId}`;
  const facilitatorPath = `${participantPath}#f=${created.facilitatorKey}`;
  const participantLink = `${location.origin}${participantPath}`;
  const facilitatorLink = `${location.origin}${facilitatorPath}`;
  const [copied, setCopied] = useState(false);

  async function copy() {
    setCopied(await copyText(participantLink));
  }

  return (
    <section className="panel created" aria-labelledby="created-title">
      <h2 id="created-title">“{name}” is ready</h2>
      <div className="link-row">
        <label className="field grow">
          <span>Participant link</span>
          <input readOnly value={participantLink} onFocus={(e) => e.currentTarget.select()} />
        </label>
        <button type="button" onClick={copy}>
          Copy
        </button>
      </div>
      <p className="hint" role="status">
        {copied ? 'Copied. Paste it wherever your team talks.' : 'Share this with everyone taking part.'}
      </p>
      <div className="link-row">
        <label className="field grow">
          <span>Your facilitator link</span>
          <input readOnly value={facilitatorLink} onFocus={(e) => e.currentTarget.select()} />
        </label>
      </div>
      <p className="hint">Keep this one for yourself: it lets you move the retro from phase to phase. Bookmark it.</p>
      <button type="button" className="primary" onClick={() => navigate(facilitatorPath)}>
        Open the board
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
