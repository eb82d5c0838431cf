import { TRUST_PARTS, type TeamHistory, type TeamRetro } from '@candor/shared';
import { TrendChart } from '../charts/TrendChart.js';
import { TRUST_PART_LABELS } from '../responsibility/TrustLens.js';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

/**
 * RM-*: is the team moving from "not my job" to "how can I help?" — per retro, the share of actions that were
 * ours, how many asks were answered by the next review, and small wins; TL-6: which parts of trust recur.
 */
export function ResponsibilityOverTime({ team }: { team: TeamHistory }) {
  const retros = team.retros.filter((r) => r.metrics);
  return (
    <section className="panel" aria-labelledby="responsibility-title">
      <h2 id="responsibility-title">From “not my job” to “how can I help?”</h2>
      <div className="charts">
        <TrendChart
          title="Responsibility share"
          label="Share of actions that were ours, per retro"
          points={retros.map((r) => ({ label: r.name, value: r.metrics.responsibilityShare === null ? null : Math.round(r.metrics.responsibilityShare * 100) }))}
          min={0}
          max={100}
          ticks={[0, 50, 100]}
          format={(v) => `${Math.round(v)}%`}
          empty="Nothing to show yet: the share appears once a retro has actions."
        />
      </div>
      {retros.length > 0 && <MetricsTable retros={retros} />}
      <p className="hint">
        Ours: someone in the room volunteered. An ask goes to a named role or team outside the room and is answered when the next
        retro’s review marks it so. A small win is an action done by its due date.
      </p>
      <TrustTable retros={retros} />
    </section>
  );
}

function MetricsTable({ retros }: { retros: TeamRetro[] }) {
  return (
    <div className="table-scroll">
      <table className="metrics-table">
        <caption>Responsibility per retro</caption>
        <thead>
          <tr>
            <th scope="col">Retro</th>
            <th scope="col">Actions</th>
            <th scope="col">Ours</th>
            <th scope="col">Asks</th>
            <th scope="col">Nobody’s</th>
            <th scope="col">Responsibility share</th>
            <th scope="col">Asks answered</th>
            <th scope="col">Small wins</th>
          </tr>
        </thead>
        <tbody>
          {retros.map((r) => (
            <tr key={r.boardId}>
              <th scope="row">{r.name}</th>
              <td>{r.metrics.actions}</td>
              <td>{r.metrics.ours}</td>
              <td>{r.metrics.asks}</td>
              <td>{r.metrics.untaken}</td>
              <td>{percent(r.metrics.responsibilityShare)}</td>
              <td>{r.metrics.asksReviewed ? `${r.metrics.asksAnswered} of ${r.metrics.asksReviewed}` : '—'}</td>
              <td>{r.metrics.smallWins}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TrustTable({ retros }: { retros: TeamRetro[] }) {
  const withLens = retros.filter((r) => r.metrics.trust !== null);
  if (withLens.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="metrics-table">
        <caption>Trust lens: which parts of trust came up (anonymous taps)</caption>
        <thead>
          <tr>
            <th scope="col">Retro</th>
            {TRUST_PARTS.map((part) => (
              <th scope="col" key={part}>
                {TRUST_PART_LABELS[part]}
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
