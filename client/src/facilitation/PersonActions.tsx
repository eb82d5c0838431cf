import { useState } from 'react';
import { useWords } from '../i18n/useWords.js';
import type { PublicParticipant } from '@candor/shared';
import { ConfirmDialog } from './ConfirmDialog.js';
import { InlineConfirm } from './InlineConfirm.js';
import { useSession } from '../board/SessionContext.js';

/** What the facilitator can do to someone in the people list: hand them the role, or remove them. */
export function PersonActions({ person }: { person: PublicParticipant }) {
  return (
    <span className="person-actions">
      {person.online && <HandOver person={person} />}
      <RemovePerson person={person} />
    </span>
  );
}

/** FA-2: the facilitator passes the role on, with one confirming step so a slip of the mouse does not. */
function HandOver({ person }: { person: PublicParticipant }) {
  const { t } = useWords();
  const session = useSession();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="link small" onClick={() => setConfirming(true)}>
        {t('presence.handOverTo', { name: person.name })}
      </button>
    );
  }
  return (
    <InlineConfirm
      question={t('presence.handOverQuestion', { name: person.name })}
      hint={t('presence.handOverConfirm', { name: person.name })}
      confirmLabel={t('presence.yesHandOver')}
      cancelLabel={t('app.cancel')}
      primary
      onCancel={() => setConfirming(false)}
      onConfirm={() => {
        session.send({ type: 'facilitator.handover', toHandle: person.handle });
        setConfirming(false);
      }}
    />
  );
}

/** MO-1: the facilitator removes someone; the room is told, and that browser cannot come back as them. */
function RemovePerson({ person }: { person: PublicParticipant }) {
  const { t } = useWords();
  const session = useSession();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" className="link small danger" onClick={() => setConfirming(true)}>
        {t('facilitation.confirm.removeAction', { name: person.name })}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t('facilitation.confirm.removeTitle', { name: person.name })}
          confirmLabel={t('facilitation.confirm.removeAction', { name: person.name })}
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            session.send({ type: 'participant.remove', handle: person.handle });
            setConfirming(false);
          }}
        >
          <p>{t('facilitation.confirm.removeBody', { name: person.name })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
