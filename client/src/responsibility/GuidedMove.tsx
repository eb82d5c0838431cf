import { notesKey, type PublicBoardView } from '@candor/shared';
import { SharedTextarea } from '../notes/SharedTextarea.js';
import { ItemActions } from '../actions/ItemActions.js';
import { OffersOfHelp } from './OffersOfHelp.js';
import { TrustLensSwitch, TrustLensTaps } from './TrustLens.js';

/**
 * The guided move for one discussed item: from "not my job" to "What is the right thing to do?" (the shared
 * notes are the room's answer) and then "How can I help?" (named offers), which become actions.
 */
export function GuidedMove({ board, itemId, notesRows = 6 }: { board: PublicBoardView; itemId: string; notesRows?: number }) {
  return (
    <div className="guided-move">
      <section className="move-step" aria-labelledby={`right-thing-${itemId}`}>
        <h3 id={`right-thing-${itemId}`}>
          <span className="step-number" aria-hidden="true">1</span> What is the right thing to do?
        </h3>
        <SharedTextarea
          textKey={notesKey.item(itemId)}
          label="Our answer (shared notes)"
          rows={notesRows}
          placeholder="Forget whose job it is for a moment: what would actually help? What do we not know yet?"
        />
      </section>
      <section className="move-step" aria-labelledby={`how-help-${itemId}`}>
        <h3 id={`how-help-${itemId}`}>
          <span className="step-number" aria-hidden="true">2</span> How can I help?
        </h3>
        <OffersOfHelp board={board} itemId={itemId} />
      </section>
      <TrustLensSwitch board={board} />
      <TrustLensTaps board={board} itemId={itemId} />
      <ItemActions board={board} itemId={itemId} />
    </div>
  );
}
