import { useWords } from '../i18n/useWords.js';
import { AppLink } from '../AppLink.js';
import { Strong } from '../i18n/Strong.js';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { TEAM_COLUMNS, closedRetros, leftOpenRetros, openActions, runningRetros, teamColumnsOffer, type TeamAction, type TeamColumnsOffer, type TeamHistory, type TeamRetro } from '@candor/shared';
import { createTeamBoard, lookupTeam, teamActionsCsvUrl, teamExportUrl, type TeamLookup } from '../sync/requests.js';
import { copyText } from '../home/CreatedLinks.js';
import { CreateRetroForm } from '../home/CreateRetroForm.js';
import { Preferences } from '../theme/Preferences.js';
import { formatDay, formatNumber, formatPercent } from '../i18n/format.js';
import { TrendChart, type TrendPoint } from '../charts/TrendChart.js';
import { ResponsibilityOverTime } from './ResponsibilityOverTime.js';
import { suggestedTemplateId } from './suggestedTemplate.js';
import { carriedWords } from '../phases/reviewFacts.js';
import { LeftOpen } from './LeftOpen.js';
import { MarkMyPromise } from './MarkMyPromise.js';
import { useMine } from './useMine.js';

/** How often a team page in sight reads the team's history again (RE-13, TM-13): others' marks and closes show within it. */
const TEAM_REFRESH_MS = 30_000;

export function TeamPage({ teamId }: { teamId: string }) {
  const { t } = useWords();
  const [lookup, setLookup] = useState<TeamLookup | null>(null);
  // PL-6: what a read again that failed says, over the page it kept (null once a read works again)
  const [notRead, setNotRead] = useState<(() => string) | null>(null);

  const reload = useCallback(() => {
    // a read again that failed (a blip, 429, the network gone) keeps the page as it was, saying so, rather than
    // trading it for an error page
    void lookupTeam(teamId).then((next) => {
      setLookup((shown) => (shown?.status === 'found' && next.status === 'error' ? shown : next));
      setNotRead(() => (next.status === 'error' ? next.words : null));
    });
  }, [teamId]);

  useEffect(() => {
    reload();
    // Coming back to the tab after a retro shows its results without a manual reload.
    const onFocus = () => reload();
    window.addEventListener('focus', onFocus);
    // RE-13, TM-13, TM-16: what others do meanwhile (a promise marked, a retro closed) shows while the page is in
    // sight, where it waited for a focus or a reload; paced, and never while hidden (each read costs, AB-13)
    const every = window.setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, TEAM_REFRESH_MS);
    return () => {
      window.removeEventListener('focus', onFocus);
      window.clearInterval(every);
    };
  }, [reload]);

  if (!lookup) {
    return (
      <main className="page narrow">
        <p className="brand">{t('app.brand')}</p>
        <p role="status">{t('team.opening')}</p>
      </main>
    );
  }
  if (lookup.status !== 'found') {
    return (
      <main className="page narrow">
        {/* UI-2: a switch on every page, this one too; PL-6: the failure is said in the language switched to */}
        <div className="top-row">
          <p className="brand">{t('app.brand')}</p>
          <Preferences />
        </div>
        <h1>{t('team.cannotOpen')}</h1>
        <p role="alert">{lookup.status === 'not-found' ? t('board.notFoundBody') : lookup.words()}</p>
        <p>
          <AppLink to="/">
            {t('app.backToStart')}
          </AppLink>
        </p>
      </main>
    );
  }

  const team = lookup.team;
  const charted = chartsDrawn(team);
  return (
    <main className="page team-page">
      <header className="home-header">
        <div className="top-row">
          <p className="brand">{t('app.brandTeam')}</p>
          <Preferences />
        </div>
        <h1>{team.name}</h1>
        <p className="lede">{t('team.lede')}</p>
        {notRead && (
          <p className="error" role="alert">
            {notRead()}
          </p>
        )}
      </header>
      <HappeningNow team={team} />
      <LeftOpen team={team} onClosed={reload} />
      <div className="team-grid">
        {/* TM-12: what the team promised and how it keeps its promises come right under "Happening now", on a phone
            before the link, the suggestion and the form (they stood after them, about two screens down); on a desk
            they head the history's column. The charts join them once they show something. */}
        {(team.retros.length > 0 || charted) && (
          <div className="team-lead">
            {team.retros.length > 0 && <OpenPromises team={team} onMarked={reload} />}
            {charted && <TeamCharts team={team} />}
          </div>
        )}
        <div className="team-side">
          <TeamLink teamId={team.id} />
          <NextFacilitator team={team} />
          <StartTeamRetro teamId={team.id} ownColumns={teamColumnsOffer(team.retros)} templateId={suggestedTemplateId(team.retros)} onCreated={reload} />
        </div>
        <div className="team-main">
          {!charted && <TeamCharts team={team} />}
          <ResponsibilityOverTime team={team} />
          <PastRetros team={team} />
          <p className="row">
            {/* TM-14: the actions for a spreadsheet, beside the whole history for a program */}
            <a className="button" href={teamActionsCsvUrl(team.id)} download={`${team.name || 'team'}-actions.csv`}>
              {t('team.downloadActions')}
            </a>
            <a className="button" href={teamExportUrl(team.id)} download={`${team.name || 'team'}-history.json`}>
              {t('team.download')}
            </a>
          </p>
        </div>
      </div>
    </main>
  );
}

function TeamLink({ teamId }: { teamId: string }) {
  const link = `${location.origin}/t/${teamId}`;
  const { t } = useWords();
  const [copied, setCopied] = useState(false);
  return (
    <section className="panel" aria-labelledby="team-link-title">
      <h2 id="team-link-title">{t('team.share')}</h2>
      <div className="link-row">
        <label className="field grow">
          <span>{t('team.link')}</span>
          <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        </label>
        <button type="button" onClick={async () => setCopied(await copyText(link))}>
          {t('app.copy')}
        </button>
      </div>
      <p className="hint" role="status">
        {copied ? t('team.copied') : t('team.linkHint')}
      </p>
    </section>
  );
}

function NextFacilitator({ team }: { team: TeamHistory }) {
  const { t } = useWords();
  const name = team.suggestedFacilitator;
  const facilitated = name !== null && team.retros.some((r) => r.facilitators.includes(name));
  return (
    <section className="panel" aria-labelledby="next-facilitator-title">
      <h2 id="next-facilitator-title">{t('team.whoNext')}</h2>
      {team.suggestedFacilitator ? (
        <p>
          {/* "least recently" of someone who never facilitated would be wrong: say so instead */}
          <Strong text={t(facilitated ? 'team.suggested' : 'team.suggestedFirstTime', { name: team.suggestedFacilitator })} />
        </p>
      ) : (
        <p className="empty">{t('team.suggestLater')}</p>
      )}
    </section>
  );
}

function StartTeamRetro({
  teamId,
  ownColumns,
  templateId,
  onCreated,
}: {
  teamId: string;
  ownColumns: TeamColumnsOffer | null;
  templateId: string;
  onCreated: () => void;
}) {
  const { t } = useWords();
  return (
    <CreateRetroForm
      create={(request) => createTeamBoard(teamId, request)}
      title={t('team.startRetro')}
      hint={t('team.startHint')}
      placeholder={t('team.retroPlaceholder')}
      onCreated={onCreated}
      again
      // TM-9: the team's own columns first when it has some; a stock template is one click away
      initialTemplateId={ownColumns ? TEAM_COLUMNS : templateId}
      ownColumns={ownColumns}
      // TM-11: the team's own choice shows, the other templates one click away: the whole list put the charts and
      // the retros about 2,000 px down a phone's page
      foldTemplates
    />
  );
}

/** Either chart has a point to draw: a closed retro with a kept rate (RE-4) or a pulse shown (TM-4). */
function chartsDrawn(team: TeamHistory): boolean {
  return closedRetros(team).some((r) => r.promises.keptRate !== null || r.pulse !== null);
}

function TeamCharts({ team }: { team: TeamHistory }) {
  const { t } = useWords();
  const closed = closedRetros(team);
  const kept = closed.map((r) => keptPoint(r, t));
  const pulse = closed.map((r) => ({ label: r.name, value: r.pulse ? r.pulse.average : null }));
  // TM-17: "was it worth the time?" (GP-5), from the first retro that showed answers to it: the retros before (most
  // of them from before the question, whose dashed lines looked like "too few answered") are left off; after it, a
  // retro with too few answers is a dashed line, as the pulse's
  const firstAsked = closed.findIndex((r) => r.roti !== null);
  const worth = firstAsked < 0 ? null : closed.slice(firstAsked).map((r) => ({ label: r.name, value: r.roti ? r.roti.average : null }));
  // TM-1: the footnote reads a drawn chart (its points, its dashed lines); under two "Nothing to show yet" it spoke of
  // lines nowhere on the page
  const drawn = chartsDrawn(team);
  return (
    <section className="panel" aria-labelledby="team-charts-title">
      <h2 id="team-charts-title">{t('team.overTime')}</h2>
      <div className="charts">
        <TrendChart
          title={t('team.kept')}
          // RE-4: a retro's point is about the promises of the retros before it; 67 % under #2 read as #2's own
          note={t('team.keptWhat')}
          label={t('team.keptLabel')}
          points={kept}
          min={0}
          max={100}
          ticks={[0, 50, 100]}
          format={(v) => formatPercent(v / 100)}
          empty={t('team.keptEmpty')}
        />
        <TrendChart
          title={t('team.pulse')}
          label={t('team.pulseLabel')}
          points={pulse}
          min={1}
          max={5}
          ticks={[1, 3, 5]}
          format={(v) => formatNumber(v, { maximumFractionDigits: 1 })}
          empty={t('team.pulseEmpty')}
        />
        {worth && (
          <TrendChart
            title={t('team.roti')}
            note={t('team.rotiWhat')}
            label={t('team.rotiLabel')}
            points={worth}
            min={1}
            max={5}
            ticks={[1, 3, 5]}
            format={(v) => formatNumber(v, { maximumFractionDigits: 1 })}
            empty=""
          />
        )}
      </div>
      {drawn && <p className="hint">{t('team.chartsHint')}</p>}
      <StillRunning team={team} />
    </section>
  );
}

/**
 * TM-15: the retros the figures leave out until they close, named under the charts ("Happening now" has them too). A
 * retro still in Review stood on both charts as a dashed "nothing reviewed" mark and in the table with zeros: a result
 * ("we kept nothing") of a retro that had not got that far yet.
 */
function StillRunning({ team }: { team: TeamHistory }) {
  const { t } = useWords();
  const running = runningRetros(team).reverse().map((r) => r.name);
  // TM-16: one left open is not "still running": it joins once it is closed, which "Left open" above offers
  const leftOpen = leftOpenRetros(team).map((r) => r.name);
  return (
    <>
      {running.length > 0 && <p className="hint">{t('team.stillRunning', { count: running.length, names: running.join(', ') })}</p>}
      {leftOpen.length > 0 && <p className="hint">{t('team.leftOffCharts', { count: leftOpen.length, names: leftOpen.join(', ') })}</p>}
    </>
  );
}

function keptPoint(retro: TeamRetro, t: ReturnType<typeof useWords>['t']): TrendPoint {
  const rate = retro.promises.keptRate;
  if (rate === null) return { label: retro.name, value: null, detail: t('team.keptNothing') };
  const value = Math.round(rate * 100);
  const from = retro.reviewedFrom.join(', ');
  // PQ-2: how many, beside the share: "0% … (0 of 3)" is plainly not a retro with nothing to review. RE-4: those its
  // Review left unmarked count, and are said to be open (1 of 3 marked done charted 100 % beside two "open" badges)
  const { done, notDone, unreviewed } = retro.promises;
  const words = { value: formatPercent(value / 100), from, name: retro.name, done, total: done + notDone + unreviewed };
  return { label: retro.name, value, detail: unreviewed > 0 ? t('team.keptPointOpen', { ...words, open: unreviewed }) : t('team.keptPoint', words) };
}

/**
 * TM-7: a retro of the team that is not closed yet, first thing on the page: someone who opens the team's link to
 * get into today's retro finds it at once, on a phone too, where it was below the whole template list.
 */
function HappeningNow({ team }: { team: TeamHistory }) {
  const { t } = useWords();
  // TM-16: a retro left open is not happening: it has its own place ("Left open"), without a Join beside today's
  const open = runningRetros(team);
  if (open.length === 0) return null;
  return (
    <section className="panel happening-now" aria-labelledby="happening-now-title">
      <h2 id="happening-now-title">{t('team.now')}</h2>
      <ul>
        {open.map((retro) => (
          <li key={retro.boardId}>
            <span className="happening-name">{retro.name}</span>
            <span className="badge">{t('team.inPhase', { phase: t(`phases.${retro.phase}`) })}</span>
            <AppLink className="button primary" to={`/b/${retro.boardId}`} aria-label={t('team.joinNowLabel', { name: retro.name })}>
              {t('team.joinNow')}
            </AppLink>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * TM-13: every promise still open, across the team's retros, in the order the next Review reads them (RE-1): what a
 * team lead comes back to the page for, and what Retrium's and TeamRetro's team home pages list first. They were
 * only under each retro at the foot of the page, among the done ones.
 */
function OpenPromises({ team, onMarked }: { team: TeamHistory; onMarked: () => void }) {
  const { t } = useWords();
  const open = openActions(team);
  // RE-13: asked of each closed retro with a promise still open, by who this browser was in it
  // asked again when an owner's word changes: a mark is taken back only by whoever made it
  const words = open.map((a) => (a.ownerDone ? `${a.ref} ${a.ownerDone.by} ${a.ownerDone.on}` : '')).join('|');
  const mine = useMine(team.retros.filter((r) => r.phase === 'closed' && r.actions.some((a) => a.status === 'open')).map((r) => r.boardId), words);
  return (
    <section className="panel" aria-labelledby="open-promises-title">
      <h2 id="open-promises-title">{t('team.openPromises', { count: open.length })}</h2>
      {open.length === 0 ? (
        <p className="empty">{t('team.noOpenPromises')}</p>
      ) : (
        <>
          <p className="hint">{t('team.openPromisesHint')}</p>
          <ul className="team-actions" aria-labelledby="open-promises-title">
            {open.map((action) => {
              // RE-13: its owner, in the browser they were in its retro with, says it is done, once that retro is closed;
              // marked by another owner, the row says whose word it is and offers no undo (theirs to take back)
              const [boardId, actionId] = action.ref.split(':') as [string, string];
              return (
                <TeamActionRow key={action.ref} action={action} fromRetro={action.fromRetro}>
                  {mine.get(boardId)?.actionIds.includes(actionId) && (
                    <MarkMyPromise boardId={boardId} actionId={actionId} text={action.text || t('team.noText')} done={action.ownerDone !== null} onMarked={onMarked} />
                  )}
                </TeamActionRow>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

function PastRetros({ team }: { team: TeamHistory }) {
  const { t } = useWords();
  const retros = [...team.retros].reverse();
  return (
    <section className="panel" aria-labelledby="past-retros-title">
      <h2 id="past-retros-title">{t('team.retros')}</h2>
      {retros.length === 0 ? (
        <p className="empty">{t('team.noRetros')}</p>
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
  const { t } = useWords();
  const { done, notDone, dropped, unreviewed } = retro.promises;
  const reviewed = done + notDone + dropped;
  return (
    <li className="past-retro">
      <article aria-label={t('team.retroLabel', { name: retro.name })}>
        <div className="past-retro-head">
          <h3>{retro.name}</h3>
          <span className="badge">
            {retro.phase === 'closed' ? t('team.closed') : t(retro.leftOpen ? 'team.leftInPhase' : 'team.inPhase', { phase: t(`phases.${retro.phase}`) })}
          </span>
        </div>
        <p className="hint">
          {/* EX-12: the day it was held (the facilitator's), else the day it was made */}
          {formatDay(retro.heldOn ?? retro.createdOn)}
          {retro.facilitators.length ? t('team.facilitatedBy', { names: retro.facilitators.join(', ') }) : ''}
          {reviewed > 0 ? t('team.reviewedEarlier', { count: reviewed, done, notDone, dropped }) : ''}
          {/* RE-4: the promises its Review left unmarked count in its kept rate, and are still open */}
          {unreviewed > 0 ? t('team.notReviewed', { count: unreviewed }) : ''}
        </p>
        <p>
          <AppLink to={`/b/${retro.boardId}`} aria-label={t('team.openBoardLabel', { name: retro.name })}>
            {t('team.openBoard')}
          </AppLink>
        </p>
        {retro.actions.length === 0 ? (
          <p className="empty">{t('team.noActions')}</p>
        ) : (
          <ul className="team-actions" aria-label={t('team.actionsFrom', { name: retro.name })}>
            {retro.actions.map((action) => (
              <TeamActionRow key={action.ref} action={action} />
            ))}
          </ul>
        )}
      </article>
    </li>
  );
}

/**
 * `fromRetro`: in the list of open promises (TM-13), no status (all are open there) but where it was made and how
 * often it was carried forward, as Review says them (RE-11)
 */
function TeamActionRow({ action, fromRetro, children }: { action: TeamAction; fromRetro?: string; children?: ReactNode }) {
  const { t } = useWords();
  return (
    <li className="team-action">
      {fromRetro === undefined && <span className={`status-pill ${action.status}`}>{t(`team.status.${action.status}`)}</span>}
      <span className="team-action-body">
        <span className="action-text">{action.text || t('team.noText')}</span>
        <span className="hint">
          {action.owners.length ? ` · ${action.owners.join(', ')}` : action.kind === 'ask' ? ` · ${t('resp.askedOfWho', { who: action.askOf })}` : t('team.nobody')}
          {/* SS-4: the server marks an open promise past its due date; said in words, not by colour alone */}
          {action.overdue && action.dueDate ? (
            <>
              {' · '}
              <strong className="overdue">{t('team.overdue', { date: formatDay(action.dueDate) })}</strong>
            </>
          ) : action.dueDate ? (
            t('team.due', { date: formatDay(action.dueDate) })
          ) : (
            ''
          )}
          {fromRetro !== undefined ? (
            <>
              {t('team.fromRetro', { name: fromRetro })}
              {action.carried ? ` · ${carriedWords(action.carried, t)}` : ''}
            </>
          ) : action.status === 'open' && action.reason ? (
            t('team.carried')
          ) : (
            ''
          )}
          {(action.status === 'not-done' || action.status === 'open') && action.reason ? t('team.inTheWay', { reason: action.reason }) : ''}
          {/* RE-13: an owner's word since its retro (a later Review's status above is the room's) */}
          {action.ownerDone ? t('team.ownerDone', { name: action.ownerDone.by, date: formatDay(action.ownerDone.on) }) : ''}
        </span>
      </span>
      {children}
    </li>
  );
}
