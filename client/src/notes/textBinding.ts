import * as Y from 'yjs';
import { spliceBetween } from './textDiff.js';

/** What the binding needs of a textarea: its value and selection, and whether the person is typing in it. */
export interface TextField {
  value: string;
  readonly selectionStart: number;
  readonly selectionEnd: number;
  setSelectionRange(start: number, end: number): void;
  readonly focused: boolean;
}

const LOCAL = Symbol('candor-textarea');

/**
 * Keeps a text field and a shared Y.Text the same: the person's typing becomes one splice per input event;
 * someone else's edit replaces the value while the caret stays beside the same characters.
 *
 * The caret holds on to the character on its left (`assoc` -1). Held to the one on its right, or to the text's
 * end, a caret at the end of what I am typing moved past what someone else typed at the same spot a moment
 * earlier, so two people typing into an empty box wove their letters together ("Cap Fmreiedtaiyng").
 */
export class TextBinding {
  private selection: { start: Y.RelativePosition; end: Y.RelativePosition } | null = null;

  constructor(
    private readonly field: TextField,
    private readonly text: Y.Text,
  ) {
    field.value = text.toString();
    text.observe(this.onRemote);
  }

  /** the person changed the field (an `input` event) */
  typed(): void {
    const before = this.text.toString();
    const after = this.field.value;
    if (before === after) return;
    const { index, remove, insert } = spliceBetween(before, after, this.field.selectionEnd);
    this.text.doc?.transact(() => {
      if (remove) this.text.delete(index, remove);
      if (insert) this.text.insert(index, insert);
    }, LOCAL);
    this.remember();
  }

  /** the caret or the selection moved (focus, keys, mouse, select) */
  remember(): void {
    // only meaningful while the field shows exactly the shared text
    if (this.field.value !== this.text.toString()) return;
    const { selectionStart: start, selectionEnd: end } = this.field;
    this.selection = {
      // a selection's start holds on to its first character; a caret, like the selection's end, to the one before it
      start: Y.createRelativePositionFromTypeIndex(this.text, start, start === end ? -1 : 0),
      end: Y.createRelativePositionFromTypeIndex(this.text, end, -1),
    };
  }

  destroy(): void {
    this.text.unobserve(this.onRemote);
  }

  private readonly onRemote = (_event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === LOCAL) return;
    const saved = this.selection;
    this.field.value = this.text.toString();
    const doc = this.text.doc;
    if (!this.field.focused || !saved || !doc) return;
    const start = Y.createAbsolutePositionFromRelativePosition(saved.start, doc);
    const end = Y.createAbsolutePositionFromRelativePosition(saved.end, doc);
    if (start && end) this.field.setSelectionRange(start.index, end.index);
  };
}
