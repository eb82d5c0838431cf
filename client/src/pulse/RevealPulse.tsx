import { useId, useState } from 'react';
import type { PublicBoardView } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { formatNumber } from '../i18n/format.js';
import { useIsPhone } from '../layout/useIsPhone.js';
import { PulseResult } from './TrustPulse.js';

/**
 * PU-9: Reveal's pulse result. At a desk the whole result (PU-3). On a phone one row: the title as the button that
 * opens it (the accordion's heading button) and the average beside it; a tap shows the question and the chart. Open
 * by default, it and the grouping offer took the whole first screen at 390×844, and the revealed cards, what everyone
 * came for, were under it. Part of the Reveal code, loaded with it.
 */
export function RevealPulse({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const phone = useIsPhone();
  const id = useId();
  const [open, setOpen] = useState(false);
  if (!phone || board.pulse.open) return <PulseResult board={board} />;
  const distribution = board.pulse.distribution;
  const summary = distribution
    ? t('pulse.averageShort', { average: formatNumber(distribution.average, { minimumFractionDigits: 1, maximumFractionDigits: 1 }), count: distribution.total })
    : t('pulse.notEnoughShort');
  return (
    <section className="panel pulse-result" style={ON_A_PHONE} aria-labelledby={`${id}-title`}>
      <div className="row">
        <h2 id={`${id}-title`} style={TITLE}>
          <button type="button" className="link" style={OPENER} aria-expanded={open} aria-controls={open ? `${id}-more` : undefined} onClick={() => setOpen(!open)}>
            {t('pulse.title')} <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          </button>
        </h2>
        {!open && <span className="hint">{summary}</span>}
      </div>
      {open && (
        <div id={`${id}-more`}>
          <PulseResult board={board} bare />
        </div>
      )}
    </section>
  );
}

// (inline, as the look of this one row: the board's first load carries the stylesheet, and this part loads with Reveal)
export const ON_A_PHONE = { padding: '0.35rem 0.8rem', marginBottom: '0.6rem' } as const;
const TITLE = { margin: 0, fontSize: '1rem' } as const;
const OPENER = { padding: 0, color: 'var(--ink)', fontWeight: 700, textDecoration: 'none' } as const;
