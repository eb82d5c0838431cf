import type { PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { DistributionBars } from '../charts/DistributionBars.js';
import { SubtractionNote } from './SubtractionNote.js';
import { usePresenting } from '../board/presenting.js';

export const PULSE_QUESTION = "How safe does it feel to say 'I don't know' or 'I'm stuck' here?";

const PULSE_LABELS: Record<number, string> = {
  1: '1 — not safe',
  2: '2 — a little safe',
  3: '3 — somewhat safe',
  4: '4 — mostly safe',
  5: '5 — very safe',
};

export const NOT_ENOUGH_ANSWERS = 'Not enough answers to show without identifying anyone';

/** PU-1: an anonymous 1–5 answer at the start of the retro. Only my own choice comes back to me. */
export function TrustPulse({ board }: { board: PublicBoardView }) {
  const session = useSession();
  const { me, pending } = useSessionState();
  const presenting = usePresenting();
  if (!board.pulse.open) return null;
  const queued = [...pending].reverse().find((c) => c.type === 'pulse.answer');
  // AN-11: my answer is not shown while presenting
  const mine = presenting ? null : queued?.type === 'pulse.answer' ? queued.value : (me?.pulse ?? null);

  return (
    <section className="panel pulse" aria-labelledby="pulse-title">
      <h2 id="pulse-title" className="pulse-kicker">Trust pulse</h2>
      <p id="pulse-question" className="pulse-question">
        {PULSE_QUESTION}
      </p>
      <div className="scale" role="radiogroup" aria-labelledby="pulse-question">
        {[1, 2, 3, 4, 5].map((value) => (
          <label key={value} className={`scale-option ${mine === value ? 'selected' : ''}`}>
            <input type="radio" name="pulse" value={value} checked={mine === value} onChange={() => session.send({ type: 'pulse.answer', value })} />
            <span>{PULSE_LABELS[value]}</span>
          </label>
        ))}
      </div>
      <p className="hint">Your answer is anonymous. Results appear after Write.</p>
      <SubtractionNote minOthers={board.minOthersToShow} />
      <p className="hint" aria-live="polite">
        {presenting
          ? 'Your answer is hidden while you present.'
          : mine === null
            ? 'You have not answered. That is fine too.'
            : `Your answer: ${PULSE_LABELS[mine]}. You can change it until the cards are revealed.`}
      </p>
    </section>
  );
}

/** PU-3: the pulse once it has closed: a distribution, or nothing that could point at someone. */
export function PulseResult({ board }: { board: PublicBoardView }) {
  if (board.pulse.open) return null;
  return (
    <section className="panel pulse-result" aria-labelledby="pulse-result-title">
      <h2 id="pulse-result-title">Trust pulse</h2>
      <p className="hint">{PULSE_QUESTION} (1 = not safe, 5 = very safe)</p>
      {board.pulse.distribution ? (
        <DistributionBars distribution={board.pulse.distribution} label="Pulse results" />
      ) : (
        <p className="empty">{NOT_ENOUGH_ANSWERS}</p>
      )}
    </section>
  );
}
