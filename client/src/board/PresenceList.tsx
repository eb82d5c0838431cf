import type { PublicBoardView } from '@candor/shared';
import { useSessionState } from './SessionContext.js';

export function PresenceList({ board }: { board: PublicBoardView }) {
  const { me, isFacilitator } = useSessionState();
  const online = board.participants.filter((p) => p.online).length;
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
        {board.participants.map((p, i) => (
          <li key={`${p.name}-${i}`} className={p.online ? 'online' : 'offline'}>
            <span className="dot" aria-hidden="true" />
            <span className="person-name">{p.name}</span>
            <span className="visually-hidden">{p.online ? '(online)' : '(away)'}</span>
            {p.facilitator && <span className="badge facilitator">Facilitator</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
