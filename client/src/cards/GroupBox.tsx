import { useTranslation } from 'react-i18next';
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { LIMITS, allowedIn, type Phase, type PublicGroup } from '@candor/shared';
import { useSession } from '../board/SessionContext.js';

/** A box around similar cards, with a title anyone can edit. */
export function GroupBox({ group, phase, extras, children }: { group: PublicGroup; phase: Phase; extras?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const id = useId();
  const [title, setTitle] = useState(group.title);
  const [focused, setFocused] = useState(false);
  const editable = allowedIn('group.title', phase);

  useEffect(() => {
    if (!focused) setTitle(group.title);
  }, [group.title, focused]);

  function save() {
    const next = title.trim();
    if (next !== group.title) session.send({ type: 'group.title', groupId: group.id, title: next });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save();
  }

  return (
    <section className="group" aria-label={t('reveal.group', { title: group.title || t('reveal.untitled') })}>
      {editable ? (
        <form className="group-title" onSubmit={onSubmit}>
          <label htmlFor={id} className="visually-hidden">
            {t('reveal.groupTitle')}
          </label>
          <input
            id={id}
            value={title}
            maxLength={LIMITS.groupTitle}
            placeholder={t('reveal.nameGroup')}
            onFocus={() => setFocused(true)}
            onBlur={() => {
              setFocused(false);
              save();
            }}
            onChange={(e) => setTitle(e.target.value)}
          />
        </form>
      ) : (
        <h3 className="group-heading">{group.title || t('reveal.untitledGroup')}</h3>
      )}
      {children}
      {extras}
    </section>
  );
}
