import { useWords } from '../i18n/useWords.js';
import { LIMITS } from '@candor/shared';
import { EntryPage, OneFieldForm } from './EntryPage.js';
import { lastDisplayName } from '../home/myRetros.js';
import { useState } from 'react';
import { joinHint } from './joinHint.js';

export function JoinForm({
  boardName,
  facilitator,
  facilitatorName = null,
  message,
  triedName = null,
  onJoin,
}: {
  boardName: string | null;
  facilitator: boolean;
  /** JN-3: who facilitates now, from the door (null before anyone does) */
  facilitatorName?: string | null;
  message: string | null;
  /** RW-1: the name a refused join carried (JN-9 NAME_TAKEN says 'add an initial'): kept, the caret after it */
  triedName?: string | null;
  onJoin: (name: string) => void;
}) {
  const { t } = useWords();
  // JN-8: offered, selected, so typing another name replaces it; the hint says where it came from
  const [remembered] = useState(lastDisplayName);
  const said = joinHint(facilitator, facilitatorName);
  const hint = said.key === 'join.withFacilitatorLink' ? t(said.key, { name: said.name }) : t(said.key);
  return (
    <EntryPage title={boardName ? t('join.title', { name: boardName }) : t('join.titleUnknown')} lede={t('join.lede')}>
      <OneFieldForm
        message={message}
        label={t('join.yourName')}
        hint={remembered ? `${t('join.nameRemembered')} ${hint}` : hint}
        submitLabel={t('join.join')}
        missing={t('join.nameMissing')}
        initialValue={triedName ?? remembered ?? ''}
        input={{
          maxLength: LIMITS.displayName,
          autoComplete: 'nickname',
          placeholder: t('join.namePlaceholder'),
          required: true,
          autoFocus: true,
          onFocus: (event) => {
            const field = event.currentTarget;
            if (triedName === null) field.select();
            else field.setSelectionRange(field.value.length, field.value.length);
          },
        }}
        onSubmit={(name) => onJoin(name.trim())}
      />
    </EntryPage>
  );
}
