import { useState } from 'react';
import { useWords } from '../i18n/useWords.js';
import { notesKey, type PublicBoardView } from '@candor/shared';
import { SharedTextarea } from '../notes/SharedTextarea.js';
import { LOCKED_LINE_ID, useReadOnly } from '../facilitation/useReadOnly.js';
import { useSharedText, useTextValue } from '../notes/useSharedText.js';
import { BlamelessHint } from '../cards/BlamelessHint.js';
import { ItemActions } from '../actions/ItemActions.js';
import { OffersOfHelp } from './OffersOfHelp.js';
import { TrustLensSwitch, TrustLensTaps } from './TrustLens.js';
import { itemLabel, itemsById, shortText } from '../cards/items.js';

/**
 * The guided move for one discussed item: from "not my job" to "What is the right thing to do?" (the shared
 * notes are the room's answer) and then "How can I help?" (named offers), which become actions.
 */
export function GuidedMove({
  board,
  itemId,
  notesRows = 6,
  lensSwitch = true,
}: {
  board: PublicBoardView;
  itemId: string;
  notesRows?: number;
  /** the facilitator's lens switch; a page with many items shows it once itself */
  lensSwitch?: boolean;
}) {
  const { t } = useWords();
  // BL-5: the blameless nudge under the room's answer, for whoever has written in it on this page (the others only
  // read it); the answer is the room's, so it is the whole text, not the writer's last words, that earns it
  const notes = useTextValue(useSharedText(notesKey.item(itemId)));
  const [wroteHere, setWroteHere] = useState(false);
  // LK-1: locked, the room's answer is read-only for everyone but the facilitator (the server drops the rest)
  const readOnly = useReadOnly(board);
  // UI-27: Act shows every discussed item's fields at once: each is named by its item, as its buttons are
  const itemName = shortText(itemLabel(itemsById(board).get(itemId)), 40);
  return (
    <div className="guided-move">
      <section className="move-step" aria-labelledby={`right-thing-${itemId}`} onInput={() => setWroteHere(true)}>
        <h3 id={`right-thing-${itemId}`}>
          <span className="step-number" aria-hidden="true">1</span> {t('resp.step1')}
        </h3>
        <SharedTextarea
          textKey={notesKey.item(itemId)}
          label={t('resp.answerLabel')}
          name={t('resp.answerLabelFor', { name: itemName })}
          rows={notesRows}
          placeholder={t('resp.answerPlaceholder')}
          readOnly={readOnly}
          describedBy={readOnly ? LOCKED_LINE_ID : undefined}
        />
        <BlamelessHint text={wroteHere ? notes : ''} byPhrasingOnly />
      </section>
      <section className="move-step" aria-labelledby={`how-help-${itemId}`}>
        <h3 id={`how-help-${itemId}`}>
          <span className="step-number" aria-hidden="true">2</span> {t('resp.step2')}
        </h3>
        <OffersOfHelp board={board} itemId={itemId} />
      </section>
      {lensSwitch && <TrustLensSwitch board={board} />}
      <TrustLensTaps board={board} itemId={itemId} />
      <ItemActions board={board} itemId={itemId} />
    </div>
  );
}
