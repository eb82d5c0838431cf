import { useWords } from '../i18n/useWords.js';
import { LIMITS, TRUST_PARTS, allowedIn, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { usePresenting } from '../board/presenting.js';
import { useAhead } from '../board/useAhead.js';
import { lensPanel } from './lensPanel.js';
import { LOCKED_LINE_ID, useReadOnly } from '../facilitation/useReadOnly.js';

/** TL-4: the counts of one item, where they can be shown (nothing otherwise). */
export function TrustLensResult({ board, itemId }: { board: PublicBoardView; itemId: string }) {
  const { t } = useWords();
  const counts = (board.lens ?? []).find((l) => l.itemId === itemId)?.counts;
  if (!counts) return null;
  return (
    <p className="hint lens-result">
      {t('resp.lens.result')} {TRUST_PARTS.map((part) => t('resp.lens.count', { part: t(`resp.lens.parts.${part}`), count: counts[part] })).join(' · ')}
    </p>
  );
}

/** TL-1: the facilitator's switch for the trust lens. */
export function TrustLensSwitch({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const { isFacilitator } = useSessionState();
  // What I switched shows at once, so the switch does not lag, and once accepted until the board shows it (UI-20).
  const ahead = useAhead('lens.set');
  if (!isFacilitator || !allowedIn('lens.set', board.phase)) return null;
  const on = ahead ? ahead.on : board.trustLens;
  return (
    <label className="check lens-switch">
      <input type="checkbox" checked={on} onChange={(e) => session.send({ type: 'lens.set', on: e.target.checked })} />
      {t('resp.lens.switch')}
    </label>
  );
}

/**
 * TL-2..TL-5, TL-10: anonymous taps on the item being discussed. Counts show once the room has moved on (another
 * item, or on to Act) and enough people tapped; until then only how many tapped.
 */
export function TrustLensTaps({ board, itemId }: { board: PublicBoardView; itemId: string }) {
  const { t } = useWords();
  const session = useSession();
  const { me, pending } = useSessionState();
  const presenting = usePresenting();
  // LK-1: locked, a participant's taps are disabled and say why (the server would refuse one)
  const readOnly = useReadOnly(board);
  const mine = new Set(me?.lens[itemId] ?? []);
  // My taps the server has not confirmed yet show at once.
  for (const c of pending) if (c.type === 'lens.tap' && c.itemId === itemId) (c.on ? mine.add(c.part) : mine.delete(c.part));
  // AN-11: while presenting, which parts I tapped is not shown
  if (presenting) mine.clear();
  const panel = lensPanel(board, itemId);
  if (!panel) return null;
  const { lens, closed } = panel;
  const canTap = panel.canTap && allowedIn('lens.tap', board.phase);
  const counts = lens?.counts;
  const needed = (board.minOthersToShow ?? LIMITS.minOthersToShow) + 1;
  return (
    <div className="trust-lens" role="group" aria-label={t('resp.lens.group')}>
      <p className="field-label">{t('resp.lens.intro')}</p>
      {canTap && (
        <div className="row lens-buttons">
          {TRUST_PARTS.map((part) => (
            <button
              key={part}
              type="button"
              className={`small toggle ${mine.has(part) ? 'on' : ''}`}
              aria-pressed={mine.has(part)}
              title={t(`resp.lens.hints.${part}`)}
              disabled={readOnly}
              aria-describedby={readOnly ? LOCKED_LINE_ID : undefined}
              onClick={() => session.send({ type: 'lens.tap', itemId, part, on: !mine.has(part) })}
            >
              {t(`resp.lens.parts.${part}`)}
            </button>
          ))}
        </div>
      )}
      <p className="hint" aria-live="polite">
        {counts
          ? TRUST_PARTS.map((part) => t('resp.lens.count', { part: t(`resp.lens.parts.${part}`), count: counts[part] })).join(' · ')
          : t(panel.line === 'waiting' ? 'resp.lens.waiting' : 'resp.lens.tooFew', { count: lens?.tappers ?? 0, needed })}
        {closed && ` ${t('resp.lens.closed')}`}
      </p>
    </div>
  );
}
