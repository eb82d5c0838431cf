import { useState } from 'react';
import { LIMITS, type PublicBoardView, type PublicParticipant } from '@candor/shared';
import { peopleToShow } from '../facilitation/presenceNotices.js';
import { ConfirmDialog } from '../facilitation/ConfirmDialog.js';
import { useSession, useSessionState } from './SessionContext.js';
import { useNow } from '../timer/useNow.js';

export function PresenceList({ board }: { board: PublicBoardView }) {
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
        People here <span className="count">{online} online</span>
      </h2>
      {me && (
        <p className="me-line">
          You are <strong>{me.name}</strong>
          {isFacilitator && <span className="badge facilitator">Facilitator</span>}
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
              <span className="visually-hidden">{p.online ? '(online)' : '(away)'}</span>
              {p.facilitator && <span className="badge facilitator">Facilitator</span>}
              {stage && p.done && (
                <span className="badge done" title={stage === 'vote' ? 'done voting' : 'done writing'}>
                  ✓ done
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
          +{more} more
        </button>
      )}
      {showAll && board.participants.length > LIMITS.peopleShown && (
        <button type="button" className="link small" onClick={() => setShowAll(false)}>
          Show fewer
        </button>
      )}
      {!isFacilitator && board.phase !== 'closed' && <FacilitatorAway board={board} />}
    </section>
  );
}

/** FA-2: the facilitator passes the role on, with one confirming step so a slip of the mouse does not. */
function HandOver({ person }: { person: PublicParticipant }) {
  const session = useSession();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="link small" onClick={() => setConfirming(true)}>
        Hand over to {person.name}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={`Hand over to ${person.name}?`}>
      <span className="hint">Hand the facilitator role to {person.name}?</span>
      <button
        type="button"
        className="small primary"
        onClick={() => {
          session.send({ type: 'facilitator.handover', toHandle: person.handle });
          setConfirming(false);
        }}
      >
        Yes, hand over
      </button>
      <button type="button" className="small" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  );
}

/** RM-1: the facilitator removes someone; the room is told, and that browser cannot come back as them. */
function RemovePerson({ person }: { person: PublicParticipant }) {
  const session = useSession();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" className="link small danger" onClick={() => setConfirming(true)}>
        Remove {person.name}
      </button>
      {confirming && (
        <ConfirmDialog
          title={`Remove ${person.name}?`}
          confirmLabel={`Remove ${person.name}`}
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            session.send({ type: 'participant.remove', handle: person.handle });
            setConfirming(false);
          }}
        >
          <p>
            Their connection ends now, everyone here is told, and this browser cannot come back as {person.name}. Their cards stay, still
            without a name.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

/** FA-3: when the facilitator has been gone a minute, anyone may pick the role up so the retro can go on. */
function FacilitatorAway({ board }: { board: PublicBoardView }) {
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
        <strong>{facilitator.name}</strong> (facilitator) is away.
      </p>
      {secondsLeft === null ? null : secondsLeft > 0 ? (
        <p className="hint">You can claim the facilitator role in {secondsLeft}s, if they are not back by then.</p>
      ) : (
        <>
          <p className="hint">The retro does not have to wait. Someone can pick the role up.</p>
          <button type="button" className="small" disabled={claiming || !joined} onClick={() => session.send({ type: 'facilitator.claim' })}>
            Claim facilitator role
          </button>
        </>
      )}
    </div>
  );
}
