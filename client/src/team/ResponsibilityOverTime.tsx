import { useWords } from '../i18n/useWords.js';
import { TRUST_PARTS, type TeamHistory, type TeamRetro } from '@candor/shared';
import { TrendChart } from '../charts/TrendChart.js';
import { formatNumber } from '../i18n/format.js';
import { useIsPhone } from '../layout/useIsPhone.js';

const percent = (share: number | null) => (share === null ? '—' : `${formatNumber(Math.round(share * 100))}%`);

/**
 * RM-*: is the team moving from "not my job" to "how can I help?" — per retro, the share of actions that were
 * ours, how many asks were answered by the next review, and small wins; TL-6: which parts of trust recur.
 */
export function ResponsibilityOverTime({ team }: { team: TeamHistory }) {
  const { t } = useWords();
  const retros = team.retros.filter((r) => r.metrics);
  return (
    <section className="panel" aria-labelledby="responsibility-title">
      <h2 id="responsibility-title">{t('resp.team.title')}</h2>
      <div className="charts">
        <TrendChart
          title={t('resp.team.share')}
          label={t('resp.team.shareLabel')}
          points={retros.map((r) => ({ label: r.name, value: r.metrics.responsibilityShare === null ? null : Math.round(r.metrics.responsibilityShare * 100) }))}
          min={0}
          max={100}
          ticks={[0, 50, 100]}
          format={(v) => `${Math.round(v)}%`}
          empty={t('resp.team.shareEmpty')}
        />
      </div>
      {retros.length > 0 && <MetricsTable retros={retros} />}
      <p className="hint">{t('resp.team.hint')}</p>
      <TrustTable retros={retros} />
    </section>
  );
}

function MetricsTable({ retros }: { retros: TeamRetro[] }) {
  const { t } = useWords();
  const isPhone = useIsPhone();
  const columns = [
    ['resp.team.actions', (r: TeamRetro) => r.metrics.actions],
    ['resp.team.ours', (r: TeamRetro) => r.metrics.ours],
    ['resp.team.asks', (r: TeamRetro) => r.metrics.asks],
    ['resp.team.untaken', (r: TeamRetro) => r.metrics.untaken],
    ['resp.team.share', (r: TeamRetro) => percent(r.metrics.responsibilityShare)],
    ['resp.team.asksAnswered', (r: TeamRetro) => (r.metrics.asksReviewed ? t('resp.team.answeredOf', { answered: r.metrics.asksAnswered, reviewed: r.metrics.asksReviewed }) : '—')],
    ['resp.team.smallWins', (r: TeamRetro) => r.metrics.smallWins],
  ] as const;
  // RM-4: on a phone each retro is a block of its figures, one under the other, all in sight; eight columns side by
  // side were a table scrolled sideways, read a few columns at a time
  if (isPhone)
    return (
      <section className="metrics-stack" aria-labelledby="metrics-stack-title">
        <h3 id="metrics-stack-title">{t('resp.team.caption')}</h3>
        {retros.map((r) => (
          <article key={r.boardId} aria-labelledby={`metrics-${r.boardId}`}>
            <h4 id={`metrics-${r.boardId}`}>{r.name}</h4>
            <dl>
              {columns.map(([key, value]) => (
                <div key={key}>
                  <dt>{t(key)}</dt>
                  <dd>{value(r)}</dd>
                </div>
              ))}
            </dl>
          </article>
        ))}
      </section>
    );
  return (
    // A table wider than its panel (a narrow desk window) scrolls sideways: the scroller is focusable so keyboards can scroll it too.
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('resp.team.caption')}>
      <table className="metrics-table">
        <caption>{t('resp.team.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('resp.team.retro')}</th>
            {columns.map(([key]) => (
              <th scope="col" key={key}>
                {t(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {retros.map((r) => (
            <tr key={r.boardId}>
              <th scope="row">{r.name}</th>
              {columns.map(([key, value]) => (
                <td key={key}>{value(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TrustTable({ retros }: { retros: TeamRetro[] }) {
  const { t } = useWords();
  const withLens = retros.filter((r) => r.metrics.trust !== null);
  if (withLens.length === 0) return null;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('resp.team.trustCaption')}>
      <table className="metrics-table">
        <caption>{t('resp.team.trustCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('resp.team.retro')}</th>
            {TRUST_PARTS.map((part) => (
              <th scope="col" key={part}>
                {t(`resp.lens.parts.${part}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {withLens.map((r) => (
            <tr key={r.boardId}>
              <th scope="row">{r.name}</th>
              {TRUST_PARTS.map((part) => (
                <td key={part}>{r.metrics.trust![part]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
