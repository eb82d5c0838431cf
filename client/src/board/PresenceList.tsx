import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Strong } from '../i18n/Strong.js';
import { LIMITS, type PublicBoardView, type PublicParticipant } from '@candor/shared';
import { peopleToShow } from '../facilitation/presenceNotices.js';
import { ConfirmDialog } from '../facilitation/ConfirmDialog.js';
import { useSession, useSessionState } from './SessionContext.js';
import { useNow } from '../timer/useNow.js';

export function PresenceList({ board }: { board: PublicBoardView }) {
  const { t } = useTranslation();
  const { me, isFacilitator } = useSessionState();
  const online = board.participants.filter((p) => p.online).length;
  const canHandOver = isFacilitator && board.phase !== 'closed';
  const [showAll, setShowAll] = useState(false);
  // PR-2: a long room does not push everything else off the panel: the first few, then "+N more".
  const { shown, more } = showAll ? { shown: board.participants, more: 0 } : peopleToShow(board.participants, LIMITS.peopleShown);
  const stage = board.progress?.stage;
  return (
    <section className="panel presence" aria-labelledby="presence-title">
      <h2 id="presence-title">
        {t('presence.title')} <span className="count">{t('presence.online', { count: online })}</span>
      </h2>
      {me && (
        <p className="me-line">
          <Strong text={t('presence.youAre', { name: me.name })} />
          {isFacilitator && <span className="badge facilitator">{t('presence.facilitator')}</span>}
        </p>
      )}
      <ul className="people">
        {shown.map((p, i) => (
          <li key={p.handle ?? `${p.name}-${i}`} className={p.online ? 'online' : 'offline'}>
            <span className="person-line">
              <span className="dot" aria-hidden="true" />
              <span className="person-name" title={p.name}>
                {p.name}
              </span>
              <span className="visually-hidden">{p.online ? t('presence.isOnline') : t('presence.isAway')}</span>
              {p.facilitator && <span className="badge facilitator">{t('presence.facilitator')}</span>}
              {stage && p.done && (
                <span className="badge done" title={stage === 'vote' ? t('facilitation.done.doneVoting') : t('facilitation.done.doneWriting')}>
                  {t('facilitation.done.badge')}
                </span>
              )}
            </span>
            {canHandOver && !p.facilitator && (
              <span className="person-actions">
                {p.online && <HandOver person={p} />}
                <RemovePerson person={p} />
              </span>
            )}
          </li>
        ))}
      </ul>
      {more > 0 && (
        <button type="button" className="link small" onClick={() => setShowAll(true)}>
          {t('facilitation.presence.more', { count: more })}
        </button>
      )}
      {showAll && board.participants.length > LIMITS.peopleShown && (
        <button type="button" className="link small" onClick={() => setShowAll(false)}>
          {t('facilitation.presence.fewer')}
        </button>
      )}
      {!isFacilitator && board.phase !== 'closed' && <FacilitatorAway board={board} />}
    </section>
  );
}

/** FA-2: the facilitator passes the role on, with one confirming step so a slip of the mouse does not. */
function HandOver({ person }: { person: PublicParticipant }) {
  const { t } = useTranslation();
  const session = useSession();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="link small" onClick={() => setConfirming(true)}>
        {t('presence.handOverTo', { name: person.name })}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={t('presence.handOverQuestion', { name: person.name })}>
      <span className="hint">{t('presence.handOverConfirm', { name: person.name })}</span>
      <button
        type="button"
        className="small primary"
        onClick={() => {
          session.send({ type: 'facilitator.handover', toHandle: person.handle });
          setConfirming(false);
        }}
      >
        {t('presence.yesHandOver')}
      </button>
      <button type="button" className="small" onClick={() => setConfirming(false)}>
        {t('app.cancel')}
      </button>
    </span>
  );
}

/** MO-1: the facilitator removes someone; the room is told, and that browser cannot come back as them. */
function RemovePerson({ person }: { person: PublicParticipant }) {
  const { t } = useTranslation();
  const session = useSession();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" className="link small danger" onClick={() => setConfirming(true)}>
        {t('facilitation.confirm.removeAction', { name: person.name })}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t('facilitation.confirm.removeTitle', { name: person.name })}
          confirmLabel={t('facilitation.confirm.removeAction', { name: person.name })}
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            session.send({ type: 'participant.remove', handle: person.handle });
            setConfirming(false);
          }}
        >
          <p>{t('facilitation.confirm.removeBody', { name: person.name })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

/** FA-3: when the facilitator has been gone a minute, anyone may pick the role up so the retro can go on. */
function FacilitatorAway({ board }: { board: PublicBoardView }) {
  const { t } = useTranslation();
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
