import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Strong } from '../i18n/Strong.js';
import type { PublicBoardView, PublicParticipant } from '@candor/shared';
import { useSession, useSessionState } from './SessionContext.js';
import { useNow } from '../timer/useNow.js';

export function PresenceList({ board }: { board: PublicBoardView }) {
  const { t } = useTranslation();
  const { me, isFacilitator } = useSessionState();
  const online = board.participants.filter((p) => p.online).length;
  const canHandOver = isFacilitator && board.phase !== 'closed';
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
        {board.participants.map((p, i) => (
          <li key={p.handle ?? `${p.name}-${i}`} className={p.online ? 'online' : 'offline'}>
            <span className="person-line">
              <span className="dot" aria-hidden="true" />
              <span className="person-name">{p.name}</span>
              <span className="visually-hidden">{p.online ? t('presence.isOnline') : t('presence.isAway')}</span>
              {p.facilitator && <span className="badge facilitator">{t('presence.facilitator')}</span>}
            </span>
            {canHandOver && p.online && !p.facilitator && <HandOver person={p} />}
          </li>
        ))}
      </ul>
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
