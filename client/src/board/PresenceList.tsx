import { Suspense, useState } from 'react';
import { useWords } from '../i18n/useWords.js';
import { Strong } from '../i18n/Strong.js';
import { LIMITS, type PublicBoardView, type PublicParticipant } from '@candor/shared';
import { presenceCounts } from '../facilitation/presenceNotices.js';
import { useSession, useSessionState } from './SessionContext.js';
import { useNow } from '../timer/useNow.js';
import { lazyWithWords } from '../i18n/lazyWithWords.js';

// Only the facilitator sees what they can do to a person: loaded on demand.
const PersonActions = lazyWithWords(() => import('../facilitation/PersonActions.js'), (m) => m.PersonActions);

export function PresenceList({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const { me, isFacilitator, connection, joined } = useSessionState();
  // RC-12: with my connection down, who is here is not known: no count, no "(online)", grey dots, and one line on it
  const unknown = !(connection === 'connected' && joined);
  const canHandOver = isFacilitator && board.phase !== 'closed';
  const [showAll, setShowAll] = useState(false);
  // PR-2: a long room does not push everything else off the panel: the first few, then "+N more". PQ-1: the heading
  // counts who is in the retro beside who is online; the button, how many it hides are online
  const counts = presenceCounts(board.participants, LIMITS.peopleShown);
  const shown = showAll ? board.participants : counts.shown;
  const stage = board.progress?.stage;
  return (
    <section className={`panel presence${unknown ? ' unknown' : ''}`} aria-labelledby="presence-title">
      <h2 id="presence-title">
        {t('presence.title')} {!unknown && <span className="count">{counts.heading === 'online' ? t('presence.online', { count: counts.online }) : t('presence.onlineOf', { count: counts.online, total: counts.total })}</span>}
      </h2>
      {unknown && <p className="hint">{t('presence.unknown')}</p>}
      {me && (
        <p className="me-line">
          <Strong text={t('presence.youAre', { name: me.name })} />
          {isFacilitator && <span className="badge facilitator">{t('presence.facilitator')}</span>}
        </p>
      )}
      <ul className="people">
        {shown.map((p, i) => (
          // UI-10: a person's row is a landing (focusRescue): the role handed over, their "Hand over" and "Remove" go
          // (and the whole facilitator's panel), and focus stays on the row that now says "Facilitator", not on the
          // next control left in the column, "Leave and forget me here…"
          <li key={p.handle ?? `${p.name}-${i}`} className={p.online ? 'online' : 'offline'} tabIndex={-1} data-focus-landing="">
            <span className="person-line">
              <span className="dot" aria-hidden="true" />
              <span className="person-name" title={p.name}>
                {p.name}
              </span>
              {!unknown && <span className="visually-hidden">{p.online ? t('presence.isOnline') : t('presence.isAway')}</span>}
              {p.facilitator && <span className="badge facilitator">{t('presence.facilitator')}</span>}
              {stage && p.done && (
                <span className="badge done" title={stage === 'vote' ? t('facilitation.done.doneVoting') : t('facilitation.done.doneWriting')}>
                  {t('facilitation.done.badge')}
                </span>
              )}
            </span>
            {canHandOver && !p.facilitator && (
              <Suspense fallback={null}>
                <PersonActions person={p} />
              </Suspense>
            )}
          </li>
        ))}
      </ul>
      {!showAll && counts.button && (
        <button type="button" className="link small" onClick={() => setShowAll(true)}>
          {t(`facilitation.presence.${counts.button}`, { count: counts.more, online: counts.moreOnline })}
        </button>
      )}
      {showAll && board.participants.length > LIMITS.peopleShown && (
        <button type="button" className="link small" onClick={() => setShowAll(false)}>
          {t('facilitation.presence.fewer')}
        </button>
      )}
      {!isFacilitator && !unknown && board.phase !== 'closed' && <FacilitatorAway board={board} />}
    </section>
  );
}

/** FA-3: when the facilitator has been gone a minute, anyone may pick the role up so the retro can go on. */
function FacilitatorAway({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const { pending, joined } = useSessionState();
  const facilitator = board.facilitator;
  const away = Boolean(facilitator && !facilitator.online);
  const now = useNow(away, 1000);
  if (!facilitator || facilitator.online) return null;
  const serverNow = now + session.getState().clockOffset;
  const claimableAt = facilitator.claimableAt;
  const secondsLeft = claimableAt === null ? null : Math.max(0, Math.ceil((claimableAt - serverNow) / 1000));
  const claiming = pending.some((c) => c.type === 'facilitator.claim');
  return (
    <div className="facilitator-away">
      <p role="status">
        <Strong text={t('presence.away', { name: facilitator.name })} />
      </p>
      {secondsLeft === null ? null : secondsLeft > 0 ? (
        <p className="hint">{t('presence.claimIn', { seconds: secondsLeft })}</p>
      ) : (
        <>
          <p className="hint">{t('presence.noWait')}</p>
          <button type="button" className="small" disabled={claiming || !joined} onClick={() => session.send({ type: 'facilitator.claim' })}>
            {t('presence.claim')}
          </button>
        </>
      )}
    </div>
  );
}
