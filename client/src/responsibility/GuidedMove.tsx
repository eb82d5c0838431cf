import { useWords } from '../i18n/useWords.js';
import { notesKey, type PublicBoardView } from '@candor/shared';
import { SharedTextarea } from '../notes/SharedTextarea.js';
import { ItemActions } from '../actions/ItemActions.js';
import { OffersOfHelp } from './OffersOfHelp.js';
import { TrustLensSwitch, TrustLensTaps } from './TrustLens.js';

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
  return (
    <div className="guided-move">
      <section className="move-step" aria-labelledby={`right-thing-${itemId}`}>
        <h3 id={`right-thing-${itemId}`}>
          <span className="step-number" aria-hidden="true">1</span> {t('resp.step1')}
        </h3>
        <SharedTextarea
          textKey={notesKey.item(itemId)}
          label={t('resp.answerLabel')}
          rows={notesRows}
          placeholder={t('resp.answerPlaceholder')}
        />
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
