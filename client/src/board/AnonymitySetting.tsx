import { useEffect, useState, type FormEvent } from 'react';
import { LIMITS, type PublicBoardView } from '@candor/shared';
import { useSession } from './SessionContext.js';

/** AN-9: the facilitator may raise how many other answers everyone must see before a distribution shows; never lower it. */
export function AnonymitySetting({ board }: { board: PublicBoardView }) {
  const session = useSession();
  const current = board.minOthersToShow;
  const [wanted, setWanted] = useState(current);
  useEffect(() => setWanted(current), [current]);
  const valid = Number.isInteger(wanted) && wanted > current && wanted <= LIMITS.minOthersToShowMax;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (valid) session.send({ type: 'anonymity.raise', minOthers: wanted });
  }

  return (
    <form className="anonymity-setting" onSubmit={onSubmit}>
      <h3>Anonymous answers</h3>
      <label className="field">
        <span>Answers each person must see besides their own before results show</span>
        <input type="number" min={current} max={LIMITS.minOthersToShowMax} value={wanted} onChange={(e) => setWanted(e.target.valueAsNumber || 0)} />
      </label>
      <p className="hint">It can only go up: people answered trusting the number they were shown.</p>
      <button type="submit" disabled={!valid}>
        Raise
      </button>
    </form>
  );
}
