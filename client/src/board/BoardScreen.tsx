import { useWords } from '../i18n/useWords.js';
import { Suspense, useEffect, useState } from 'react';
import type { PublicBoardView } from '@candor/shared';
import type { BoardDoor } from '../sync/api.js';
import { useSessionState } from './SessionContext.js';
import { PhaseStepper } from './PhaseStepper.js';
import { PresenceList } from './PresenceList.js';
import { ConnectionStatus, UnstableNetworkNote } from './ConnectionStatus.js';
import { PresentingToggle } from './PresentingToggle.js';
import { usePresenting } from './presenting.js';
import { Notices } from './Notices.js';
import { FacilitatorAnnouncer } from './FacilitatorAnnouncer.js';
import { PhaseView } from '../phases/PhaseView.js';
import { Tabs } from '../layout/Tabs.js';
import { useIsPhone } from '../layout/useIsPhone.js';
import { useHeaderHeight } from '../layout/useHeaderHeight.js';
import { SkipLinks, type SkipTarget } from '../layout/SkipLinks.js';
import { columnTitle } from '../i18n/templates.js';
import { Preferences } from '../theme/Preferences.js';
import { TimerDisplay } from '../timer/TimerDisplay.js';
import { BoardHeader } from './BoardHeader.js';
import { BoardTitle } from '../facilitation/BoardTitle.js';
import { ShareButton } from '../facilitation/ShareButton.js';
import { RoomNotices } from '../facilitation/RoomNotices.js';
import { useSession } from './SessionContext.js';
import { forgetRetro, rememberRetro } from '../home/myRetros.js';
import { NotFound } from '../layout/NotFound.js';
import { lazyWithWords, preloadLazyParts } from '../i18n/lazyWithWords.js';
import { focusPhaseHeadingWhenShown, useHeadingTakesFocusOnPhaseChange } from '../a11y/phaseHeading.js';
import { LOCKED_LINE_ID } from '../facilitation/useReadOnly.js';

// The facilitator's tools are a chunk of their own: participants never download them. Nor do they download the
// door (only boards with a password or a knock show it) or the creator's banner and delete button.
const FacilitatorBar = lazyWithWords(() => import('./FacilitatorBar.js'), (m) => m.FacilitatorBar);
const DoorScreen = lazyWithWords(() => import('../facilitation/DoorScreen.js'), (m) => m.DoorScreen);
const DeleteBoard = lazyWithWords(() => import('./DeleteBoard.js'), (m) => m.DeleteBoard);
const ForgetMe = lazyWithWords(() => import('./ForgetMe.js'), (m) => m.ForgetMe);
const OwnerBanner = lazyWithWords(() => import('./OwnerBanner.js'), (m) => m.OwnerBanner);
// SH-3: the facilitator alone at the start is shown how to invite the others
const InviteNudge = lazyWithWords(() => import('../facilitation/InviteNudge.js'), (m) => m.InviteNudge);
// UI-29: the facilitator's next steps at the bottom of a phone's Board tab
const PhoneStepBar = lazyWithWords(() => import('./PhoneStepBar.js'), (m) => m.PhoneStepBar);
const ActionsOverview = lazyWithWords(() => import('../actions/ActionsOverview.js'), (m) => m.ActionsOverview);

/** UI-12: the phases in which actions exist; on a phone they then have a tab of their own. */
const PHASES_WITH_ACTIONS = new Set(['discuss', 'act', 'closed']);

export function BoardScreen({
  initialBoard,
  door,
  onRejected,
  onFacilitatorRefused,
  joinedFromForm = false,
}: {
  initialBoard: PublicBoardView | null;
  /** UI-10: this person just joined through the join form, whose field had focus */
  joinedFromForm?: boolean;
  /** JN-6: what the link alone shows (the name, and whom to ask), for the door */
  door: BoardDoor | null;
  /** PL-1: how to say it, in the page's language when it is shown */
  onRejected: (message: () => string) => void;
  onFacilitatorRefused: (message: () => string) => void;
}) {
  const { t } = useWords();
  const state = useSessionState();
  const phone = useIsPhone();
  // UI-28: presenting widens its toggle ("Presenting: your marks are hidden"), so the header is measured again
  const presenting = usePresenting();
  const [section, setSection] = useState('board');
  const session = useSession();
  const known = state.board;
  const phase = (known ?? initialBoard)?.phase ?? null;

  // UI-12: at Close everyone is taken to the summary, where the downloads are, from whatever tab they had open (a
  // phone left on the Actions tab showed a read-only list with nothing pointing to the summary). Set while
  // rendering, so the closed Actions tab is never drawn first; a tab chosen after Close stays chosen.
  const [sectionPhase, setSectionPhase] = useState(phase);
  if (phase !== sectionPhase) {
    setSectionPhase(phase);
    if (phase === 'closed') setSection('board');
  }
  useHeadingTakesFocusOnPhaseChange(phase);

  // UI-16: once the board is on screen, the parts it loads on demand are fetched ahead, so a network that drops
  // later does not find one missing (and one that is missing waits for the network rather than blanking the page)
  const boardShown = known !== null;
  const headerRef = useHeaderHeight<HTMLElement>((known ?? initialBoard) !== null && !state.door && !state.deleted && !state.refused);
  useEffect(() => {
    if (!boardShown) return;
    const timer = setTimeout(preloadLazyParts, 500);
    return () => clearTimeout(timer);
  }, [boardShown]);

  // UI-10: the join form that had focus is gone, and focus fell to the page: it goes to the phase's heading, so a
  // keyboard user goes on from the board rather than from the top of the page (or, in a phase whose code is still on
  // its way, when that heading appears: WF-1)
  useEffect(() => {
    if (!joinedFromForm || !boardShown || state.door) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    focusPhaseHeadingWhenShown();
  }, [joinedFromForm, boardShown, state.door]);

  // MY-1: this browser remembers the retros it took part in.
  useEffect(() => {
    if (known && !state.deleted)
      rememberRetro({ boardId: known.id, name: known.name, ...(known.teamName ? { team: known.teamName } : {}), created: session.holdsFacilitatorKey, closed: known.phase === 'closed' });
  }, [known?.id, known?.name, known?.teamName, known?.phase, state.deleted, session]);

  useEffect(() => {
    if (state.deleted) forgetRetro(session.boardId);
  }, [state.deleted, session]);

  useEffect(() => {
    if (state.rejected) onRejected(state.rejected);
  }, [state.rejected, onRejected]);

  useEffect(() => {
    if (state.facilitatorRefused) onFacilitatorRefused(state.facilitatorRefused);
  }, [state.facilitatorRefused, onFacilitatorRefused]);

  if (state.deleted) {
    return <NotFound title={t('running.deletedTitle')} body={t('running.deletedBody')} gone />;
  }

  if (state.refused) {
    return (
      <main className="page narrow">
        <h1>{t('board.cannotOpen')}</h1>
        <p role="alert">{state.refused()}</p>
      </main>
    );
  }

  const board = state.board ?? initialBoard;
  if (state.door) {
    return (
      <Suspense fallback={null}>
        <DoorScreen door={state.door} boardName={board?.name ?? door?.name ?? null} facilitatorName={board?.facilitator?.name ?? door?.facilitator ?? null} />
      </Suspense>
    );
  }
  if (!board) {
    return (
      <main className="page narrow">
        <p className="brand">{t('app.brand')}</p>
        <p role="status">{t('board.opening')}</p>
        <ConnectionStatus />
      </main>
    );
  }

  const facilitatorBar = state.isFacilitator && (
    <Suspense fallback={null}>
      <FacilitatorBar board={board} />
    </Suspense>
  );
  const leaveOrDelete = (
    <Suspense fallback={null}>
      <ForgetMe />
      {session.holdsFacilitatorKey && <DeleteBoard boardName={board.name} />}
    </Suspense>
  );
  const sections = [
    { id: 'board', label: t('layout.board') },
    { id: 'people', label: t('layout.people') },
    ...(PHASES_WITH_ACTIONS.has(board.phase) ? [{ id: 'actions', label: t('layout.actions', { count: board.actions.length }) }] : []),
    ...(state.isFacilitator ? [{ id: 'facilitate', label: t('layout.facilitate') }] : []),
  ];

  const skipTargets: SkipTarget[] = [
    { id: 'board-main', label: t('layout.skipToBoard'), section: 'board' },
    ...(board.phase === 'discuss' && board.currentItemId ? [{ id: 'current-item', label: t('layout.skipToCurrent'), section: 'board' }] : []),
    ...(state.isFacilitator ? [{ id: 'phase-controls', label: t('layout.skipToControls'), section: 'facilitate' }] : []),
    // UI-25: in Reveal and Vote every card is on the board, each a stop or two: a column far right was dozens of keys
    // away. To its heading (RevealedColumns' `col-…`); a phone shows one column at a time, under its own tabs
    ...(!phone && (board.phase === 'reveal' || board.phase === 'vote')
      ? board.columns.map((column) => ({ id: `col-${column.id}`, label: t('layout.skipToColumn', { column: columnTitle(column) }), section: 'board' }))
      : []),
  ];

  return (
    <div className="board-layout">
      <SkipLinks targets={skipTargets} openSection={(s) => phone && setSection(s)} />
      {/* UI-28: what the row holds besides its marks: the phase, the language, the name, a timer, the Rename link, the
          presenting toggle's words, and the connection's words (a page opened again was measured while it said only its
          dot, and "Connected" then cut the name: walk 6) */}
      <BoardHeader headerRef={headerRef} holds={[board.phase, t('phases.write'), board.name, Boolean(board.timer), state.isFacilitator, presenting, state.connection, state.joined].join('|')}>
        <div className="board-title">
          <span className="brand">{t('app.brand')}</span>
          <BoardTitle name={board.name} canRename={state.isFacilitator && board.phase !== 'closed'} />
        </div>
        <PhaseStepper phase={board.phase} hasReview={board.hasReview} />
        <div className="header-side">
          {!phone && <TimerDisplay timer={board.timer} />}
          <ShareButton boardId={board.id} />
          <PresentingToggle />
          <ConnectionStatus />
          <Preferences />
        </div>
      </BoardHeader>
      <FacilitatorAnnouncer board={board} />
      <UnstableNetworkNote />
      {board.locked && (
        <p id={LOCKED_LINE_ID} className="banner locked" role="status">
          {state.isFacilitator
            ? t('facilitation.room.lockedForYou')
            : t('facilitation.room.locked')}
        </p>
      )}
      {session.holdsFacilitatorKey && (
        <Suspense fallback={null}>
          <OwnerBanner board={board} />
        </Suspense>
      )}
      {state.isFacilitator && (
        <Suspense fallback={null}>
          <InviteNudge board={board} />
        </Suspense>
      )}
      {phone ? (
        // A phone shows one thing at a time: the board, the people, or (for the facilitator) the controls.
        <Tabs label={t('layout.sections')} tabs={sections} selected={section} onSelect={setSection} className="board-sections">
          {section === 'people' ? (
            <aside className="sidebar">
              <PresenceList board={board} />
              {leaveOrDelete}
            </aside>
          ) : section === 'actions' && PHASES_WITH_ACTIONS.has(board.phase) ? (
            <main className="board-main" id="board-main" tabIndex={-1}>
              <Suspense fallback={null}>
                <ActionsOverview board={board} />
              </Suspense>
            </main>
          ) : section === 'facilitate' && state.isFacilitator ? (
            <aside className="sidebar">{facilitatorBar}</aside>
          ) : (
            <main className="board-main" id="board-main" tabIndex={-1}>
              <PhaseView board={board} />
            </main>
          )}
        </Tabs>
      ) : (
        <div className="board-body">
          {/* UI-25: the board comes first in the page, and so to Tab, screen readers and the focus rescue; the side column
              stays at its left (CSS order). Before it, the facilitator's ~20 controls, the people and "Leave and forget
              me here…" put the phase's first control 28 to 36 Tabs from the top; the panel is the second skip link
              away, and the next stop after the board's last control, its step buttons first. */}
          <main className="board-main" id="board-main" tabIndex={-1}>
            <PhaseView board={board} />
          </main>
          <aside className="sidebar">
            {facilitatorBar}
            <PresenceList board={board} />
            {leaveOrDelete}
          </aside>
        </div>
      )}
      {phone && state.isFacilitator && section === 'board' && (
        <Suspense fallback={null}>
          <PhoneStepBar board={board} />
        </Suspense>
      )}
      {/* UI-21: room news has a line of its own at the bottom, and the page ends above it: news never lies over a
          control (as a corner toast it covered a phone's text field and buttons). Refusals pass above it. */}
      <section className="room-bar" aria-label={t('layout.roomNews')}>
        {state.board && <RoomNotices board={state.board} myName={state.me?.name ?? null} showBoard={() => setSection('board')} />}
        {/* A phone's header scrolls away (it is three rows): its timer is here, in sight wherever the person is. */}
        {phone && <TimerDisplay timer={board.timer} />}
      </section>
      <div className="toasts">
        <Notices />
      </div>
    </div>
  );
}
