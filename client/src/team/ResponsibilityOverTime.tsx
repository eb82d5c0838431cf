import { useWords } from '../i18n/useWords.js';
import { TRUST_PARTS, closedRetros, type TeamHistory, type TeamRetro } from '@candor/shared';
import { TrendChart } from '../charts/TrendChart.js';
import { formatPercent } from '../i18n/format.js';
import { useIsPhone } from '../layout/useIsPhone.js';

// one formatter for every share on the team page (formatPercent): this one read "60%" in German beside "67 %"
const percent = (share: number | null) => (share === null ? '—' : formatPercent(share));

/**
 * RM-*: is the team moving from "not my job" to "how can I help?" — per retro, the share of actions that were
 * ours, how many asks were answered by the next review, and small wins; TL-6: which parts of trust recur.
 */
export function ResponsibilityOverTime({ team }: { team: TeamHistory }) {
  const { t } = useWords();
  // TM-15: a retro still running is not in its figures yet (a retro in Review had a row of zeros)
  const retros = closedRetros(team);
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
          format={(v) => formatPercent(v / 100)}
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
  const columns: Column[] = [
    [t('resp.team.actions'), (r) => r.metrics.actions],
    [t('resp.team.ours'), (r) => r.metrics.ours],
    [t('resp.team.asks'), (r) => r.metrics.asks],
    [t('resp.team.untaken'), (r) => r.metrics.untaken],
    [t('resp.team.share'), (r) => percent(r.metrics.responsibilityShare)],
    [t('resp.team.asksAnswered'), (r) => (r.metrics.asksReviewed ? t('resp.team.answeredOf', { answered: r.metrics.asksAnswered, reviewed: r.metrics.asksReviewed }) : '—')],
    [t('resp.team.smallWins'), (r) => r.metrics.smallWins],
  ];
  return <FiguresByRetro id="metrics" caption={t('resp.team.caption')} retros={retros} columns={columns} />;
}

function TrustTable({ retros }: { retros: TeamRetro[] }) {
  const { t } = useWords();
  const withLens = retros.filter((r) => r.metrics.trust !== null);
  if (withLens.length === 0) return null;
  const columns: Column[] = TRUST_PARTS.map((part) => [t(`resp.lens.parts.${part}`), (r) => r.metrics.trust![part]]);
  return <FiguresByRetro id="trust" caption={t('resp.team.trustCaption')} retros={withLens} columns={columns} />;
}

/** a figure's heading and how to read it from a retro */
type Column = readonly [string, (retro: TeamRetro) => string | number];

/**
 * RM-4: a retro's figures, a table on a desk; on a phone each retro is a block of its figures, one under the other,
 * all in sight: columns side by side were a table scrolled sideways, read a few at a time, its caption cut off.
 */
function FiguresByRetro({ id, caption, retros, columns }: { id: string; caption: string; retros: TeamRetro[]; columns: Column[] }) {
  const { t } = useWords();
  const isPhone = useIsPhone();
  if (isPhone)
    return (
      <section className="metrics-stack" aria-labelledby={`${id}-stack-title`}>
        <h3 id={`${id}-stack-title`}>{caption}</h3>
        {retros.map((r) => (
          <article key={r.boardId} aria-labelledby={`${id}-${r.boardId}`}>
            <h4 id={`${id}-${r.boardId}`}>{r.name}</h4>
            <dl>
              {columns.map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
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
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="metrics-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('resp.team.retro')}</th>
            {columns.map(([label]) => (
              <th scope="col" key={label}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {retros.map((r) => (
            <tr key={r.boardId}>
              <th scope="row">{r.name}</th>
              {columns.map(([label, value]) => (
                <td key={label}>{value(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
