import { useWords } from '../i18n/useWords.js';
import { useSession } from '../board/SessionContext.js';
import { ConfirmDialog } from '../facilitation/ConfirmDialog.js';

/**
 * SG-1, MO-3: what a revealed card asks before a change everyone sees at once: showing its author's name on it, or
 * hiding it for everyone. Loaded on demand by CardTile (fetched ahead once the board is up): Write never asks either,
 * so the board's first load does without them (UI-6).
 */
export function CardQuestion({ kind, cardId, onClose }: { kind: 'sign' | 'hide'; cardId: string; onClose: () => void }) {
  const { t } = useWords();
  const session = useSession();
  if (kind === 'sign') {
    return (
      <ConfirmDialog
        title={t('facilitation.card.signTitle')}
        confirmLabel={t('facilitation.card.signConfirm')}
        cancelLabel={t('facilitation.card.signKeep')}
        onCancel={onClose}
        onConfirm={() => {
          session.send({ type: 'card.sign', cardId, signed: true });
          onClose();
        }}
      >
        <p>{t('facilitation.card.signBody')}</p>
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog
      title={t('facilitation.card.hideTitle')}
      confirmLabel={t('facilitation.card.hide')}
      danger
      onCancel={onClose}
      onConfirm={() => {
        session.send({ type: 'card.hide', cardId });
        onClose();
      }}
    >
      <p>{t('facilitation.card.hideBody')}</p>
    </ConfirmDialog>
  );
}
