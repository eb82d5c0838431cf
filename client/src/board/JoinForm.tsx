import { useWords } from '../i18n/useWords.js';
import { LIMITS } from '@candor/shared';
import { EntryPage, OneFieldForm } from './EntryPage.js';

export function JoinForm({
  boardName,
  facilitator,
  message,
  onJoin,
}: {
  boardName: string | null;
  facilitator: boolean;
  message: string | null;
  onJoin: (name: string) => void;
}) {
  const { t } = useWords();
  return (
    <EntryPage title={boardName ? t('join.title', { name: boardName }) : t('join.titleUnknown')} lede={t('join.lede')}>
      <OneFieldForm
        message={message}
        label={t('join.yourName')}
        hint={facilitator ? t('join.asFacilitator') : t('join.asParticipant')}
        submitLabel={t('join.join')}
        input={{ maxLength: LIMITS.displayName, autoComplete: 'nickname', placeholder: t('join.namePlaceholder'), required: true, autoFocus: true }}
        onSubmit={(name) => onJoin(name.trim())}
      />
    </EntryPage>
  );
}
