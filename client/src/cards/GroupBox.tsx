import { useWords } from '../i18n/useWords.js';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { LIMITS, allowedIn, wholeGroupTitle, type Phase, type PublicCard, type PublicGroup } from '@candor/shared';
import { useSession } from '../board/SessionContext.js';
import { usePasteThatFits } from './pasteThatFits.js';

/**
 * A box around similar cards, with a title anyone can edit (GR-4, GR-6). Two people may edit it at once
 * (GR-7): the field follows others' changes, even while focused, until this person types; once they have,
 * it says that the title changed meanwhile, and a save from the old title is refused by the server.
 */
export function GroupBox({
  group,
  cards,
  phase,
  locked = false,
  waiting = false,
  unsent = false,
  extras,
  children,
}: {
  group: PublicGroup;
  /** GR-6 UI-15: its cards, whose words a title made from them stands for (`wholeGroupTitle`) */
  cards: readonly Pick<PublicCard, 'text'>[];
  phase: Phase;
  /** GR-8: the facilitator keeps titles to themselves */
  locked?: boolean;
  /** OW-1: it shows a grouping of mine not yet sent */
  waiting?: boolean;
  /** OW-1 PL-2: the room has not made this group yet (mine, made offline): it has no title field until it has */
  unsent?: boolean;
  extras?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useWords();
  const session = useSession();
  const id = useId();
  // GR-6 UI-15: a title still made from a card's first words (at most 6, then "…") is shown as that card's whole words
  // (EX-7, as Discuss and the exports show it): "I don't know how the billing…" stood over two lines with room for
  // the rest. What the field shows is not sent unless someone changes it: the room's title stays the short one.
  const shown = wholeGroupTitle(group.title, cards);
  // `base` is the room's title this person started from (and how the field showed it); `draft` what the field holds.
  const [base, setBase] = useState({ title: group.title, shown });
  const [draft, setDraft] = useState(shown);
  // GR-7: the titles this person saved that the room has not shown yet, oldest first. A save made before the last one
  // came back starts from that one: from `base`, the server refused Bo's second quick save as someone else's change.
  const sent = useRef<string[]>([]);
  const paste = usePasteThatFits();
  // a press of the pointer puts the caret where it pressed; focus without one (Tab) selects the whole title (below)
  const pressed = useRef(false);
  const titled = allowedIn('group.title', phase) && !locked;
  const editable = titled && !unsent;
  const dirty = draft !== base.shown;

  useEffect(() => {
    const mine = sent.current.indexOf(group.title);
    // a title of mine came back (the ones before it are past); anyone else's ends what I had under way
    sent.current = mine >= 0 ? sent.current.slice(mine + 1) : [];
    // Not typing (or our own save came back): follow the room.
    if (!dirty || draft.trim() === group.title || draft.trim() === shown) {
      setBase({ title: group.title, shown });
      setDraft(shown);
    } else if (mine >= 0) setBase({ title: group.title, shown });
  }, [group.title, shown]);

  const changedMeanwhile = dirty && group.title !== base.title;

  function save() {
    const next = draft.trim();
    const from = sent.current.at(-1) ?? base.title;
    const fromShown = sent.current.length > 0 ? from : base.shown;
    if (next === from.trim() || next === fromShown.trim()) {
      setDraft(fromShown);
      return;
    }
    sendTitle(next, from);
  }

  function sendTitle(title: string, previous: string) {
    sent.current.push(title);
    session.send({ type: 'group.title', groupId: group.id, title, previous });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save();
  }

  return (
    <section className="group" aria-label={t('reveal.group', { title: shown || t('reveal.untitled') })}>
      {editable ? (
        <form className="group-title" onSubmit={onSubmit}>
          <label htmlFor={id} className="visually-hidden">
            {t('reveal.groupTitle')}
          </label>
          {/* UI-15: a field that wraps and grows with its title (one line of text, Enter saves), so a long title
              is read whole in a narrow column instead of cut off inside a one-line input */}
          <textarea
            id={id}
            rows={1}
            value={draft}
            maxLength={LIMITS.groupTitle}
            {...paste.field}
            placeholder={t('reveal.nameGroup')}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }}
            onPointerDown={() => (pressed.current = true)}
            // GR-6 UI-13: reached with Tab, the title made from a card's first words is selected, so what is typed
            // replaces it, as a one-line field does; a textarea put the caret before its first word, and "Deploy
            // script" typed there made "Deploy scriptWho owns the deploy script"
            onFocus={(e) => {
              if (!pressed.current) e.currentTarget.select();
              pressed.current = false;
            }}
            onBlur={() => {
              pressed.current = false;
              if (!changedMeanwhile) save();
            }}
            onChange={(e) => setDraft(e.target.value.replace(/[\r\n]+/g, ' '))}
          />
          {paste.refusal}
          {changedMeanwhile && (
            <p className="hint title-conflict" role="status">
              {t('running.titleChanged', { title: shown || t('running.noTitle') })}{' '}
              <button
                type="button"
                className="link small"
                onClick={() => {
                  setBase({ title: group.title, shown });
                  setDraft(shown);
                }}
              >
                {t('running.useTheirs')}
              </button>{' '}
              <button
                type="button"
                className="link small"
                onClick={() => {
                  const mine = draft.trim();
                  setBase({ title: group.title, shown });
                  if (mine !== group.title && mine !== shown) sendTitle(mine, group.title);
                }}
              >
                {t('running.keepMine')}
              </button>
            </p>
          )}
        </form>
      ) : (
        <>
          <h3 className="group-heading">{shown || t('reveal.untitledGroup')}</h3>
          {/* PL-2: where the title field will be, why it is not there yet */}
          {titled && <p className="hint">{t('reveal.nameWhenSent')}</p>}
        </>
      )}
      {waiting && <p className="hint group-waiting">{t('reveal.groupWaiting')}</p>}
      {children}
      {extras}
    </section>
  );
}
