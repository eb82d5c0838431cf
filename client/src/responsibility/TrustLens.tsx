import { TRUST_PARTS, allowedIn, type PublicBoardView, type TrustPart } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';

export const TRUST_PART_LABELS: Record<TrustPart, string> = {
  credibility: 'Credibility',
  reliability: 'Reliability',
  empathy: 'Empathy',
  'self-interest': 'Apparent self-interest',
};

const TRUST_PART_HINTS: Record<TrustPart, string> = {
  credibility: 'knowing what we talk about',
  reliability: 'doing what we said',
  empathy: 'caring about the others’ interests',
  'self-interest': 'seeming to act for ourselves',
};

/** TL-1: the facilitator's switch for the trust lens. */
export function TrustLensSwitch({ board }: { board: PublicBoardView }) {
  const session = useSession();
  const { isFacilitator } = useSessionState();
  if (!isFacilitator || !allowedIn('lens.set', board.phase)) return null;
  return (
    <label className="check lens-switch">
      <input type="checkbox" checked={board.trustLens} onChange={(e) => session.send({ type: 'lens.set', on: e.target.checked })} />
      Trust lens: let the room tag which parts of trust this touches
    </label>
  );
}

/**
 * TL-2..TL-5: anonymous taps on the item being discussed. Counts show once the room has moved on and
 * enough people tapped; until then only how many tapped.
 */
export function TrustLensTaps({ board, itemId }: { board: PublicBoardView; itemId: string }) {
  const session = useSession();
  const { me } = useSessionState();
  const lens = (board.lens ?? []).find((l) => l.itemId === itemId);
  const mine = new Set(me?.lens[itemId] ?? []);
  const canTap = board.trustLens && board.currentItemId === itemId && allowedIn('lens.tap', board.phase);
  if (!board.trustLens && !lens?.counts) return null;
  return (
    <div className="trust-lens" role="group" aria-label="Trust lens: which parts of trust does this touch?">
      <p className="field-label">Trust lens — which parts of trust does this touch? Anonymous, like a vote.</p>
      {canTap && (
        <div className="row lens-buttons">
          {TRUST_PARTS.map((part) => (
            <button
              key={part}
              type="button"
              className={`small toggle ${mine.has(part) ? 'on' : ''}`}
              aria-pressed={mine.has(part)}
              title={TRUST_PART_HINTS[part]}
              onClick={() => session.send({ type: 'lens.tap', itemId, part, on: !mine.has(part) })}
            >
              {TRUST_PART_LABELS[part]}
            </button>
          ))}
        </div>
      )}
      <p className="hint" aria-live="polite">
        {lens?.counts
          ? TRUST_PARTS.map((part) => `${TRUST_PART_LABELS[part]}: ${lens.counts![part]}`).join(' · ')
          : `${lens?.tappers ?? 0} ${lens?.tappers === 1 ? 'person' : 'people'} tagged this. The counts show once the room moves on, if at least four tagged it.`}
      </p>
    </div>
  );
}
