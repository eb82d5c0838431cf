import { useWords } from '../i18n/useWords.js';
import { formatNumber } from '../i18n/format.js';
import type { Distribution } from '@candor/shared';

/**
 * An anonymous distribution as small bars: how many chose each value, never who. The server sends one only
 * when enough people answered that no single answer can be told apart.
 */
export function DistributionBars({ distribution, label, valueLabel }: { distribution: Distribution; label: string; valueLabel?: (value: number) => string }) {
  const { t } = useWords();
  const highest = Math.max(1, ...distribution.counts);
  const name = (v: number) => valueLabel?.(v) ?? String(v);
  const summary = distribution.counts.map((n, i) => `${name(distribution.min + i)}: ${n}`).join(', ');
  return (
    <figure className="distribution">
      <div className="bars" role="img" aria-label={label} title={summary}>
        {distribution.counts.map((n, i) => (
          <div key={i} className="bar-col" aria-hidden="true">
            <span className="bar-count">{n}</span>
            <span className="bar" style={{ height: `${(n / highest) * 100}%` }} />
            <span className="bar-value">{distribution.min + i}</span>
          </div>
        ))}
      </div>
      <figcaption className="hint">
        {t('chart.average', { average: formatNumber(distribution.average, { minimumFractionDigits: 1, maximumFractionDigits: 1 }), count: distribution.total })}
        <span className="visually-hidden"> ({summary})</span>
      </figcaption>
    </figure>
  );
}
