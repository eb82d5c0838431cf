import { type ReactNode, useMemo, useState } from 'react';
import { AppLink } from '../AppLink.js';
import { useWords } from '../i18n/useWords.js';
import { i18n } from '../i18n/index.js';
import { cardRowVotes, cardsAsShown, facilitatorsInOrder, notesKey, retroDay, talkedAboutItemIds, withWholeGroupTitles, type PublicAction, type PublicBoardView, type PublicCard } from '@candor/shared';
import { useHoldsWords, useSharedText, useTextValue } from '../notes/useSharedText.js';
import { ItemContent } from '../cards/ItemContent.js';
import { itemLabel, itemsById } from '../cards/items.js';
import { Refused } from '../sync/api.js';
import { type BoardExport, downloadExport, exportText, exportUrl } from '../sync/summaryRequests.js';
import { PulseResult } from '../pulse/TrustPulse.js';
import { RetroWorthResult } from '../pulse/RetroWorthResult.js';
import { ConsensusResult } from '../actions/ConsensusCheck.js';
import { PhaseIntro } from './PhaseIntro.js';
import { columnTitle } from '../i18n/templates.js';
import { formatDay } from '../i18n/format.js';
import { SummaryEmail } from './SummaryEmail.js';
import { statusKey } from './ReviewPhase.js';
import { TrustLensResult } from '../responsibility/TrustLens.js';
import { summaryGroups } from './summaryGroups.js';
import { UnsentWords } from './UnsentWords.js';
import { OfferWords } from '../responsibility/OffersOfHelp.js';
import { MyPromises } from '../actions/MyPromises.js';
import { MarkMyPromise } from '../team/MarkMyPromise.js';
import { useMine } from '../team/useMine.js';
import { useSessionState } from '../board/SessionContext.js';

export function ClosedSummary({ board: live }: { board: PublicBoardView }) {
  const { t } = useWords();
  // EX-7: a group title cut from a card's words reads whole here, as in the exports
  const board = useMemo(() => withWholeGroupTitles(live), [live]);
  const items = itemsById(board);
  // EX-6 (SM-2): "All cards" in the exports' order (the discussion order), not the reveal order's shuffle
  const shownCards = useMemo(() => cardsAsShown(board), [board]);
  const fileName = board.name || 'retro';
  // AC-9: a room that opened no item in Discuss lists the items it wrote notes on in Act, as the Markdown export does
  const holdsWords = useHoldsWords();
  const talkedAbout = talkedAboutItemIds(board, (itemId) => holdsWords(notesKey.item(itemId)));
  // PL-1: kept as how to say it, so a switch of language says it anew
  const [downloadError, setDownloadError] = useState<(() => string) | null>(null);
  const onError = (words: (() => string) | null) => setDownloadError(() => words);
  return (
    <div className="summary">
      <PhaseIntro title={t('summary.title')}>{t('summary.intro')}</PhaseIntro>
      <RetroHeld board={board} />
      {/* AC-10: words this browser still held unsent when the retro closed, shown here once, to this person only */}
      <UnsentWords board={board} />
      <div className="row downloads">
        <ExportLink board={board} file="export.md" fileName={`${fileName}.md`} primary onError={onError}>
          {t('summary.markdown')}
        </ExportLink>
        <ExportLink board={board} file="export.csv" fileName={`${fileName}-cards.csv`} onError={onError}>
          {t('summary.csv')}
        </ExportLink>
        <ExportLink board={board} file="actions.csv" fileName={`${fileName}-actions.csv`} onError={onError}>
          {t('summary.actionsCsv')}
        </ExportLink>
        <ExportLink board={board} file="export.json" fileName={`${fileName}.json`} onError={onError}>
          {t('summary.json')}
        </ExportLink>
        {board.teamId && (
          <AppLink className="back-to-team" to={`/t/${board.teamId}`}>
            {t('summary.backToTeam')}
          </AppLink>
        )}
      </div>
      {/* a row of its own: the downloads' row is full in German at 1280, with the way back to the team (UI-35) */}
      <div className="row copy-summary">
        <CopySummary boardId={board.id} onError={onError} />
        {/* GP-4: the browser's own print, which also saves a PDF; the page prints as the summary alone (styles.css) */}
        <button type="button" className="button" onClick={() => window.print()}>
          {t('summary.print')}
        </button>
      </div>

      {downloadError && (
        <p className="error" role="alert">
          {downloadError()}
        </p>
      )}
      {/* UI-12: what the room promised comes first, under the downloads: on a phone it was a screen below them, under
          the Review and the pulse (walk 8) */}
      <section className="panel" aria-labelledby="summary-actions">
        <h2 id="summary-actions">{t('summary.actions')}</h2>
        {/* GP-6: the actions this person promised to help with, into their own calendar */}
        <MyPromises board={board} />
        {board.actions.length === 0 ? (
          <p className="empty">{t('summary.noActions')}</p>
        ) : (
          <ul className="summary-actions">
            {board.actions.map((action) => (
              <SummaryAction key={action.id} board={board} action={action} itemName={itemLabel(items.get(action.itemId))} />
            ))}
          </ul>
        )}
      </section>

      <SummaryEmail />
      {board.hasReview && <ReviewSummary board={board} />}
      <PulseResult board={board} />
      <RetroWorthResult board={board} />

      <section className="panel" aria-labelledby="summary-discussed">
        <h2 id="summary-discussed">{t('summary.discussed')}</h2>
        {board.discussedItemIds.length === 0 && (
          // WF-6: actions planned in Act without an item opened in Discuss (AC-9) were talked about
          <p className="empty">
            {t(talkedAbout.length > 0 ? 'summary.nothingDiscussedNotes' : board.actions.length > 0 ? 'summary.nothingDiscussedActions' : 'summary.nothingDiscussed')}
          </p>
        )}
        {talkedAbout.length > 0 && (
          <ol className="summary-items">
            {talkedAbout.map((itemId) => (
              <li key={itemId}>
                <ItemContent item={items.get(itemId)} />
                {/* EX-11: a count only where someone voted: "0 votes" under most items of a long retro was noise */}
                {board.tallies?.[itemId] ? <p className="tally">{t('summary.votes', { count: board.tallies[itemId] })}</p> : null}
                <SummaryNotes textKey={notesKey.item(itemId)} />
                <SummaryOffers board={board} itemId={itemId} />
                <TrustLensResult board={board} itemId={itemId} />
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="panel" aria-labelledby="summary-cards">
        <h2 id="summary-cards">{t('summary.allCards')}</h2>
        <div className="summary-columns">
          {board.columns.map((column) => {
            const cards = shownCards.filter((c) => c.columnId === column.id);
            return (
              <div key={column.id}>
                <h3>{columnTitle(column)}</h3>
                {cards.length === 0 ? (
                  <p className="empty">{t('summary.noCards')}</p>
                ) : (
                  <ul className="summary-cards">
                    {cards.map((c) => (
                      <SummaryCard key={c.id} board={board} card={c} />
                    ))}
                  </ul>
                )}
              </div>
            );
          })}
        </div>
      </section>
      <SummaryGroups board={board} />
    </div>
  );
}

/**
 * EX-5: each group once, with its votes (any, EX-11), as the Markdown export lists them: "All cards" gives its cards
 * none. A part of the page of its own after "All cards": its heading under it, at the columns' level and in their look,
 * read as a fourth column (walk 9).
 */
function SummaryGroups({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const groups = summaryGroups(board);
  if (groups.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="summary-groups">
      <h2 id="summary-groups">{t('summary.groups')}</h2>
      <ul className="summary-cards">
        {groups.map((group) => (
          <li key={group.id}>
            {group.title || t('reveal.untitledGroup')}
            <span className="hint"> · {t('summary.groupCards', { count: group.cards })}</span>
            {group.votes ? <span className="tally"> · {t('summary.votes', { count: group.votes })}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A card of "All cards", with what the exports give its row (EX-5): its votes (any, EX-11), or the group that carries them. */
function SummaryCard({ board, card }: { board: PublicBoardView; card: PublicCard }) {
  const { t } = useWords();
  const votes = cardRowVotes(board, card);
  const group = card.groupId ? board.groups.find((g) => g.id === card.groupId) : undefined;
  return (
    <li>
      {card.text}
      {votes ? <span className="tally"> · {t('summary.votes', { count: votes })}</span> : null}
      {group && <span className="hint">{t('reveal.inGroup', { title: group.title || t('reveal.untitled') })}</span>}
    </li>
  );
}

function SummaryAction({ board, action, itemName }: { board: PublicBoardView; action: PublicAction; itemName: string }) {
  const { t } = useWords();
  const { me } = useSessionState();
  const text = useTextValue(useSharedText(notesKey.action(action.id)));
  // RE-13: an owner's mark is taken back only by whoever made it: the server says whose it is (asked again as it changes)
  const owner = me?.actionIds.includes(action.id) ?? false;
  const mine = useMine(owner ? [board.id] : [], action.ownerDone ? `${action.ownerDone.by} ${action.ownerDone.on}` : '');
  const mayMark = owner && (action.ownerDone === null || (mine.get(board.id)?.actionIds.includes(action.id) ?? false));
  return (
    <li className="summary-action">
      <p className="action-text">
        {/* UI-43: the space only after the badge: the text keeps its spaces (pre-wrap), so a lone one moved it right */}
        {action.done && (
          <>
            <span className="badge done">✓ {t('running.done')}</span>{' '}
          </>
        )}
        {text || '…'}
      </p>
      <p className="hint">
        {action.owners.length
          ? t('summary.helping', { names: action.owners.join(', ') })
          : action.askOf
            ? t('resp.askedOfWho', { who: action.askOf })
            : t('resp.noOneTook')}
        {action.dueDate ? t('summary.due', { date: formatDay(action.dueDate) }) : ''}
        {t('summary.from', { item: itemName })}
        {/* RE-13: its owner's word since the retro, as the team page says it */}
        {action.ownerDone ? t('team.ownerDone', { name: action.ownerDone.by, date: formatDay(action.ownerDone.on) }) : ''}
      </p>
      {/* RE-13: where an owner comes back to their promise, the retro's own link: theirs to mark done (the room's
          actionIds for this person, as the server reads them); nobody else sees it */}
      {mayMark && <MarkMyPromise boardId={board.id} actionId={action.id} text={text || t('team.noText')} done={action.ownerDone !== null} inTeam={board.teamId !== null} />}
      <ConsensusResult board={board} action={action} />
    </li>
  );
}

/**
 * OF-7: after the room's answer to "What is the right thing to do?", its answers to "How can I help?": each offer by
 * name, and which the facilitator made an action (OF-4), as the Markdown export lists them. They were on the board
 * in Discuss and Act and nowhere once the retro closed.
 */
function SummaryOffers({ board, itemId }: { board: PublicBoardView; itemId: string }) {
  const { t } = useWords();
  const offers = board.offers.filter((o) => o.itemId === itemId);
  if (offers.length === 0) return null;
  const labelId = `summary-offers-${itemId}`;
  return (
    <>
      <p className="hint" id={labelId}>
        {t('resp.offersLabel')}
      </p>
      <ul className="offer-list" aria-labelledby={labelId}>
        {offers.map((offer) => (
          <li key={offer.id} className={`offer ${offer.actionId ? 'accepted' : ''}`}>
            <OfferWords offer={offer} />
          </li>
        ))}
      </ul>
    </>
  );
}

function SummaryNotes({ textKey }: { textKey: string }) {
  const { t } = useWords();
  const notes = useTextValue(useSharedText(textKey));
  return notes.trim() ? <p className="notes-text">{notes}</p> : <p className="empty">{t('summary.noNotes')}</p>;
}

/** RE-11: how many Reviews before this one carried a promise forward, as Review and the Markdown summary say it */
function carriedBefore(times: number | undefined, t: ReturnType<typeof useWords>['t']): string {
  if (!times) return '';
  return times === 1 ? t('summary.carriedBeforeOnce') : times === 2 ? t('summary.carriedBeforeTwice') : t('summary.carriedBeforeTimes', { count: times });
}

function ReviewSummary({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  return (
    <section className="panel" aria-labelledby="summary-review">
      <h2 id="summary-review">{t('summary.earlierPromises')}</h2>
      {board.review.length === 0 ? (
        <p className="empty">{t('summary.freshStart')}</p>
      ) : (
        <ul className="summary-actions">
          {board.review.map((item) => (
            <li key={item.ref} className="summary-action">
              <p className="action-text">{item.text || t('review.noText')}</p>
              <p className="hint">
                <span className={`status-pill ${item.status ?? 'open'}`}>{item.status ? t(statusKey(item, item.status)) : t('summary.notReviewed')}</span>
                {item.askOf ? ` ${t('resp.askedOfWho', { who: item.askOf })}` : item.owners.length ? ` ${item.owners.join(', ')}` : ''}
                {` · ${t('review.from', { retro: item.fromRetro })}`}
                {carriedBefore(item.carried, t)}
                {item.status === 'not-done' && item.reason ? t('summary.inTheWay', { reason: item.reason }) : ''}
                {item.status === 'not-done' && item.carry ? t('summary.carried') : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * An export as a link (it reads and behaves as a download link), fetched with this browser's credentials for the
 * board when followed (JN-6), because the server gives exports only to people in the room.
 */
/**
 * GP-2: the Markdown summary onto the clipboard, to paste into a chat, a wiki page or a ticket — the same text as the
 * download (the public view, in the page's language, EX-10). The text is handed to the clipboard while still on its
 * way: Safari lets a page write the clipboard only inside the click.
 */
function CopySummary({ boardId, onError }: { boardId: string; onError: (words: (() => string) | null) => void }) {
  const { t } = useWords();
  const [copied, setCopied] = useState(false);
  async function copy() {
    setCopied(false);
    onError(null);
    const text = exportText(boardId, 'export.md');
    try {
      if (typeof ClipboardItem === 'undefined') await navigator.clipboard.writeText(await text);
      else await navigator.clipboard.write([new ClipboardItem({ 'text/plain': text.then((md) => new Blob([md], { type: 'text/plain' })) })]);
      setCopied(true);
    } catch (error) {
      const refused = await text.then(() => null, (e: unknown) => (e instanceof Refused ? e.words : null));
      onError(refused ?? (() => i18n.t('summary.copyFailed')));
    }
  }
  return (
    <>
      <button type="button" className="button" onClick={() => void copy()}>
        {t('summary.copy')}
      </button>
      <span className="copy-status" role="status">
        {copied ? t('summary.copied') : ''}
      </span>
    </>
  );
}

function ExportLink(props: { board: PublicBoardView; file: BoardExport; fileName: string; primary?: boolean; onError: (words: (() => string) | null) => void; children: ReactNode }) {
  const { board, file, fileName, primary, onError, children } = props;
  return (
    <a
      className={primary ? 'button primary' : 'button'}
      href={exportUrl(board.id, file)}
      download={fileName}
      onClick={(e) => {
        e.preventDefault();
        void downloadExport(board.id, file, fileName).then(onError);
      }}
    >
      {children}
    </a>
  );
}

/**
 * EX-12: when the retro was held and who facilitated, in order, as EasyRetro, Retrium, TeamRetro and Parabol head a
 * summary and as the Markdown does: the summary read (or printed) weeks later says which meeting it was. The day is
 * the server's (`heldOn`, the room's first step, the facilitator's day), written for the reader's language; names are
 * public (FA-4). A retro whose first step kept no day (before EX-12) says the day its board was made, as that: "Created
 * on", not "Held on" a day the meeting may not have been (`retroDay`).
 */
function RetroHeld({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const names = facilitatorsInOrder(board).join(t('summary.then'));
  const day = retroDay(board);
  const date = day ? formatDay(day.day) : null;
  if (!date && !names) return null;
  const held = day?.held ?? false;
  return (
    <p className="summary-held">
      {date && names
        ? t(held ? 'summary.heldBy' : 'summary.createdBy', { date, names })
        : date
          ? t(held ? 'summary.heldOn' : 'summary.createdOn', { date })
          : t('summary.facilitatedBy', { names })}
    </p>
  );
}
