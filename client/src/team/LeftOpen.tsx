import { useEffect, useRef, useState } from 'react';
import { leftOpenRetros, phaseIndex, type Ack, type TeamHistory, type TeamRetro } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { AppLink } from '../AppLink.js';
import { formatDate } from '../i18n/format.js';
import { refusalMessage } from '../i18n/errors.js';
import { closeRetro } from '../sync/closeRetro.js';
import { useMine } from './useMine.js';

/**
 * TM-16: the retros of the team that were left open — a facilitator forgot to close one, and it stayed in Vote or Act
 * for weeks, off the charts (TM-15) "until it closes", which it never would, and in "Happening now" with a Join
 * link beside today's retro. Each says so here, that its open actions are in the next Review either way, and offers
 * its facilitator to close it from here, as Retrium ends a retro from any phase into the team's history: in the browser
 * the server knows as its facilitator (`useMine`, by id and secret), never by a name someone else may have had too.
 */
export function LeftOpen({ team, onClosed }: { team: TeamHistory; onClosed: () => void }) {
  const { t } = useWords();
  // the one just closed here, said once it has gone from the list (the button that had the keyboard went with it)
  const [justClosed, setJustClosed] = useState<string | null>(null);
  const retros = leftOpenRetros(team);
  // cards are revealed from Reveal on; closing a retro left before it would reveal cards with nobody there
  const mine = useMine(retros.filter(revealed).map((r) => r.boardId));
  const closed = (name: string) => {
    setJustClosed(name);
    onClosed();
  };
  const said = justClosed !== null && !retros.some((r) => r.name === justClosed);
  // the keyboard's place went with the closed retro's buttons: it lands on the line that says it is closed
  const saidLine = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (said) saidLine.current?.focus();
  }, [said]);
  if (retros.length === 0 && !said) return null;
  return (
    <section className="panel happening-now" aria-labelledby="left-open-title">
      <h2 id="left-open-title">{t('team.leftOpen', { count: retros.length || 1 })}</h2>
      <p role="status" ref={saidLine} tabIndex={-1} className={said ? 'hint' : 'visually-hidden'}>
        {said ? t('team.closedNow', { name: justClosed }) : ''}
      </p>
      {retros.length > 0 && (
        <ul>
          {retros.map((retro) => (
            <LeftOpenRetro key={retro.boardId} retro={retro} facilitating={mine.get(retro.boardId)?.facilitating === true} onClosed={() => closed(retro.name)} />
          ))}
        </ul>
      )}
    </section>
  );
}

const revealed = (retro: TeamRetro) => phaseIndex(retro.phase) >= phaseIndex('reveal');

function LeftOpenRetro({ retro, facilitating, onClosed }: { retro: TeamRetro; facilitating: boolean; onClosed: () => void }) {
  const { t } = useWords();
  const [step, setStep] = useState<'idle' | 'asking' | 'closing'>('idle');
  const [refusal, setRefusal] = useState<string | null>(null);
  // "Close it now" gives way to its question: the keyboard goes to the question (it was left on nothing, and the
  // next Enter opened the board beside it), and back to "Close it now" when the retro is kept open
  const question = useRef<HTMLSpanElement>(null);
  const closeNow = useRef<HTMLButtonElement>(null);
  const [moveFocus, setMoveFocus] = useState(false);
  useEffect(() => {
    if (!moveFocus) return;
    setMoveFocus(false);
    (step === 'asking' ? question : closeNow).current?.focus();
  }, [moveFocus, step]);
  const ask = (next: 'idle' | 'asking') => {
    setStep(next);
    setMoveFocus(true);
  };
  const stillOpen = retro.actions.filter((a) => a.status === 'open');
  const open = stillOpen.length;
  // RE-1: a later retro's Review, open now, lists them: named, where "the next Review" was said while it was under way
  const reviewNow = stillOpen[0]?.reviewNow ?? null;
  const allInIt = reviewNow !== null && stillOpen.every((a) => a.reviewNow === reviewNow);
  const offered = revealed(retro) && facilitating;
  const close = async () => {
    setStep('closing');
    setRefusal(null);
    const outcome = await closeRetro(retro.boardId, retro.phase);
    if (outcome.ok) return onClosed();
    ask('idle');
    setRefusal(refusedWords(outcome, t));
  };
  return (
    <li>
      <span className="happening-name">{retro.name}</span>
      <span className="badge">{t('team.inPhase', { phase: t(`phases.${retro.phase}`) })}</span>
      <AppLink className="button" to={`/b/${retro.boardId}`} aria-label={t('team.openBoardLabel', { name: retro.name })}>
        {t('team.openBoard')}
      </AppLink>
      <p className="hint" style={{ flexBasis: '100%', margin: 0 }}>
        {t('team.leftOpenWhy', { date: formatDate(retro.createdAt) })} {open > 0 ? (allInIt ? t('team.leftOpenActionsInReview', { count: open, name: reviewNow }) : t('team.leftOpenActions', { count: open })) : ''}{' '}
        {!revealed(retro) ? t('team.leftOpenBeforeReveal') : offered ? '' : t('team.leftOpenWho', { names: retro.facilitators.join(', ') || '—' })}
      </p>
      {offered && step !== 'asking' && (
        <button ref={closeNow} type="button" className="primary" disabled={step === 'closing'} onClick={() => ask('asking')} aria-label={t('team.closeNowLabel', { name: retro.name })}>
          {step === 'closing' ? t('team.closing') : t('team.closeNow')}
        </button>
      )}
      {step === 'asking' && (
        <span role="group" aria-label={t('team.closeNowLabel', { name: retro.name })} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '0.5rem' }}>
          <span ref={question} tabIndex={-1}>
            {t('team.closeQuestion', { name: retro.name })}
          </span>
          <button type="button" className="primary" onClick={() => void close()}>
            {t('team.closeYes')}
          </button>
          <button type="button" onClick={() => ask('idle')}>
            {t('team.keepOpen')}
          </button>
        </span>
      )}
      {refusal && (
        <p role="alert" style={{ flexBasis: '100%', margin: 0 }}>
          {refusal}
        </p>
      )}
    </li>
  );
}

/** A refusal of the close in its own words: "This browser is not recognised here." said nothing of closing. */
function refusedWords(ack: Extract<Ack, { ok: false }>, t: ReturnType<typeof useWords>['t']): string {
  if (ack.code === 'NOT_FACILITATOR') return t('team.closeNotFacilitator');
  if (ack.code === 'BAD_CREDENTIALS' || ack.code === 'NOT_JOINED') return t('team.closeNotKnown');
  return refusalMessage(ack);
}
