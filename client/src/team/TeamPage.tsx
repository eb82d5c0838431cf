import { useCallback, useEffect, useState } from 'react';
import { PHASE_LABELS, type TeamAction, type TeamHistory, type TeamRetro } from '@candor/shared';
import { createTeamBoard, lookupTeam, teamExportUrl, type TeamLookup } from '../sync/api.js';
import { navigate } from '../navigation.js';
import { copyText } from '../home/CreatedLinks.js';
import { CreateRetroForm } from '../home/CreateRetroForm.js';
import { TrendChart } from '../charts/TrendChart.js';
import { ResponsibilityOverTime } from './ResponsibilityOverTime.js';

export function TeamPage({ teamId }: { teamId: string }) {
  const [lookup, setLookup] = useState<TeamLookup | null>(null);

  const reload = useCallback(() => {
    void lookupTeam(teamId).then(setLookup);
  }, [teamId]);

  useEffect(() => {
    reload();
    // Coming back to the tab after a retro shows its results without a manual reload.
    const onFocus = () => reload();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [reload]);

  if (!lookup) {
    return (
      <main className="page narrow">
        <p className="brand">Candor</p>
        <p role="status">Opening the team…</p>
      </main>
    );
  }
  if (lookup.status !== 'found') {
    return (
      <main className="page narrow">
        <p className="brand">Candor</p>
        <h1>We could not open this team</h1>
        <p role="alert">{lookup.status === 'not-found' ? 'The link may be incomplete. Ask the person who shared it to send it again.' : lookup.message}</p>
        <p>
          <a href="/" onClick={(e) => (e.preventDefault(), navigate('/'))}>
            Back to the start
          </a>
        </p>
      </main>
    );
  }

  const team = lookup.team;
  return (
    <main className="page team-page">
      <header className="home-header">
        <p className="brand">Candor · team</p>
        <h1>{team.name}</h1>
        <p className="lede">Keeping small promises, retro after retro, is how a team learns it can rely on itself.</p>
      </header>
      <div className="team-grid">
        <div className="team-side">
          <TeamLink teamId={team.id} />
          <NextFacilitator team={team} />
          <StartTeamRetro teamId={team.id} onCreated={reload} />
        </div>
        <div className="team-main">
          <TeamCharts team={team} />
          <ResponsibilityOverTime team={team} />
          <PastRetros team={team} />
          <p>
            <a className="button" href={teamExportUrl(team.id)} download={`${team.name || 'team'}-history.json`}>
              Download team history (JSON)
            </a>
          </p>
        </div>
      </div>
    </main>
  );
}

function TeamLink({ teamId }: { teamId: string }) {
  const link = `${location.origin}/t/${teamId}`;
  const [copied, setCopied] = useState(false);
  return (
    <section className="panel" aria-labelledby="team-link-title">
      <h2 id="team-link-title">Share the team</h2>
      <div className="link-row">
        <label className="field grow">
          <span>Team link</span>
          <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        </label>
        <button type="button" onClick={async () => setCopied(await copyText(link))}>
          Copy
        </button>
      </div>
      <p className="hint" role="status">
        {copied ? 'Copied. Keep it where your team can find it.' : 'Anyone with this link can see the team’s retros and start a new one. It cannot be guessed; share it only with the team.'}
      </p>
    </section>
  );
}

function NextFacilitator({ team }: { team: TeamHistory }) {
  return (
    <section className="panel" aria-labelledby="next-facilitator-title">
      <h2 id="next-facilitator-title">Who facilitates next?</h2>
      {team.suggestedFacilitator ? (
        <p>
          Suggested next facilitator: <strong>{team.suggestedFacilitator}</strong> — facilitated least recently
        </p>
      ) : (
        <p className="empty">After the first retro we can suggest someone. Taking turns means everyone gets to hold the room.</p>
      )}
    </section>
  );
}

function StartTeamRetro({ teamId, onCreated }: { teamId: string; onCreated: () => void }) {
  return (
    <CreateRetroForm
      create={(request) => createTeamBoard(teamId, request)}
      title="Start a retro in this team"
      hint="It opens with a Review of the promises still open from earlier retros."
      placeholder="e.g. Sprint 15"
      onCreated={onCreated}
      again
    />
  );
}

function TeamCharts({ team }: { team: TeamHistory }) {
  return (
    <section className="panel" aria-labelledby="team-charts-title">
      <h2 id="team-charts-title">Over time</h2>
      <div className="charts">
        <TrendChart
          title="Promises kept"
          label="Promises kept per retro"
          points={team.retros.map((r) => ({ label: r.name, value: r.promises.keptRate === null ? null : Math.round(r.promises.keptRate * 100) }))}
          min={0}
          max={100}
          ticks={[0, 50, 100]}
          format={(v) => `${Math.round(v)}%`}
          empty="Nothing to show yet: the share of promises kept appears once a retro has reviewed the actions of an earlier one."
        />
        <TrendChart
          title="Pulse"
          label="Pulse average per retro"
          points={team.retros.map((r) => ({ label: r.name, value: r.pulse ? r.pulse.average : null }))}
          min={1}
          max={5}
          ticks={[1, 3, 5]}
          format={(v) => (Number.isInteger(v) ? String(v) : v.toFixed(1))}
          empty="Nothing to show yet: the pulse average appears for retros where at least three people answered."
        />
      </div>
      <p className="hint">
        Promises kept counts done against not done (dropped ones are left out). The pulse asks how safe it feels to say “I don't
        know”, from 1 to 5. A gap means too few answers to show.
      </p>
    </section>
  );
}

function PastRetros({ team }: { team: TeamHistory }) {
  const retros = [...team.retros].reverse();
  return (
    <section className="panel" aria-labelledby="past-retros-title">
      <h2 id="past-retros-title">Retros</h2>
      {retros.length === 0 ? (
        <p className="empty">No retros yet. Start the first one: it begins with a fresh page.</p>
      ) : (
        <ul className="past-retros">
          {retros.map((retro) => (
            <PastRetro key={retro.boardId} retro={retro} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PastRetro({ retro }: { retro: TeamRetro }) {
  const { done, notDone, dropped } = retro.promises;
  const reviewed = done + notDone + dropped;
  return (
    <li className="past-retro">
      <article aria-label={`Retro: ${retro.name}`}>
        <div className="past-retro-head">
          <h3>{retro.name}</h3>
          <span className="badge">{retro.phase === 'closed' ? 'Closed' : `In ${PHASE_LABELS[retro.phase]}`}</span>
        </div>
        <p className="hint">
          {new Date(retro.createdAt).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })}
          {retro.facilitators.length ? ` · facilitated by ${retro.facilitators.join(', ')}` : ''}
          {reviewed > 0 ? ` · reviewed ${reviewed} earlier ${reviewed === 1 ? 'promise' : 'promises'}: ${done} done, ${notDone} not done, ${dropped} dropped` : ''}
        </p>
        <p>
          <a href={`/b/${retro.boardId}`} onClick={(e) => (e.preventDefault(), navigate(`/b/${retro.boardId}`))} aria-label={`Open the board: ${retro.name}`}>
            Open the board
          </a>
        </p>
        {retro.actions.length === 0 ? (
          <p className="empty">No actions.</p>
        ) : (
          <ul className="team-actions" aria-label={`Actions from ${retro.name}`}>
            {retro.actions.map((action) => (
              <TeamActionRow key={action.ref} action={action} />
            ))}
          </ul>
        )}
      </article>
    </li>
  );
}

const STATUS_LABELS: Record<TeamAction['status'], string> = { open: 'open', done: 'done', 'not-done': 'not done', dropped: 'dropped' };

function TeamActionRow({ action }: { action: TeamAction }) {
  return (
    <li className="team-action">
      <span className={`status-pill ${action.status}`}>{STATUS_LABELS[action.status]}</span>
      <span className="team-action-body">
        <span className="action-text">{action.text || 'An action without text'}</span>
        <span className="hint">
          {action.owners.length ? ` · ${action.owners.join(', ')}` : action.kind === 'ask' ? ` · asked of ${action.askOf}` : ' · nobody volunteered'}
          {action.dueDate ? ` · due ${action.dueDate}` : ''}
          {action.status === 'open' && action.reason ? ' · carried forward' : ''}
          {(action.status === 'not-done' || action.status === 'open') && action.reason ? ` · what got in the way: ${action.reason}` : ''}
        </span>
      </span>
    </li>
  );
}
