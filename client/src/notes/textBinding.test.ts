import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TextBinding, type TextField } from './textBinding.js';
import { spliceBetween } from './textDiff.js';

/** A textarea as a browser keeps it: typing inserts at the caret and moves it; `setSelectionRange` clamps. */
class Field implements TextField {
  value = '';
  selectionStart = 0;
  selectionEnd = 0;
  focused = true;
  setSelectionRange(start: number, end: number) {
    this.selectionStart = Math.min(start, this.value.length);
    this.selectionEnd = Math.min(end, this.value.length);
  }
  /** one key: the character replaces the selection, the caret follows it, then the `input` event */
  key(binding: TextBinding, char: string) {
    this.value = this.value.slice(0, this.selectionStart) + char + this.value.slice(this.selectionEnd);
    this.setSelectionRange(this.selectionStart + char.length, this.selectionStart + char.length);
    binding.typed();
  }
  /** a click or an arrow key puts the caret at `index` */
  caretAt(binding: TextBinding, index: number) {
    this.setSelectionRange(index, index);
    binding.remember();
  }
}

/** Two people's notes, each update delivered to the other at once, as the server relays it. */
function twoPeople(initial = '') {
  const docs = [new Y.Doc(), new Y.Doc()] as const;
  docs[0].getText('notes').insert(0, initial);
  Y.applyUpdate(docs[1], Y.encodeStateAsUpdate(docs[0]));
  docs[0].on('update', (update: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(docs[1], update, 'relay'));
  docs[1].on('update', (update: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(docs[0], update, 'relay'));
  const people = docs.map((doc) => {
    const field = new Field();
    const binding = new TextBinding(field, doc.getText('notes'));
    return { field, binding };
  });
  return { docs, people };
}

/** Both type their words keystroke by keystroke, in turn, each starting with the caret at `at`. */
function typeTogether(at: number | 'end', words: [string, string], initial = '') {
  const { docs, people } = twoPeople(initial);
  for (const { field, binding } of people) field.caretAt(binding, at === 'end' ? field.value.length : at);
  for (let i = 0; i < Math.max(words[0].length, words[1].length); i++) {
    people.forEach(({ field, binding }, p) => {
      const char = words[p]![i];
      if (char) field.key(binding, char);
    });
  }
  const text = docs[0].getText('notes').toString();
  expect(docs[1].getText('notes').toString()).toBe(text);
  expect(people.map((p) => p.field.value)).toEqual([text, text]);
  return text;
}

describe('DI-12 two people typing at the same spot of the shared notes keep their words whole', () => {
  it('into an empty box', () => {
    const text = typeTogether(0, ['Cap meetings', 'Friday freeze']);
    expect(text).toContain('Cap meetings');
    expect(text).toContain('Friday freeze');
    expect(text.length).toBe('Cap meetings'.length + 'Friday freeze'.length);
  });

  it('at the end of what is there', () => {
    const text = typeTogether('end', [' Ada adds', ' Bo adds more'], 'Notes:');
    expect(text.startsWith('Notes:')).toBe(true);
    expect(text).toContain(' Ada adds');
    expect(text).toContain(' Bo adds more');
  });

  it('in the middle of a line', () => {
    const text = typeTogether(5, ['small ', 'tiny '], 'Ship changes');
    expect(text).toContain('small ');
    expect(text).toContain('tiny ');
    expect(text.startsWith('Ship ')).toBe(true);
    expect(text.endsWith('changes')).toBe(true);
  });

  it('a selection someone types over keeps its place while another person types before it', () => {
    const { docs, people } = twoPeople('keep this word');
    const [ada, bo] = people;
    ada!.field.setSelectionRange(10, 14); // "word"
    ada!.binding.remember();
    bo!.field.caretAt(bo!.binding, 0);
    for (const char of 'We ') bo!.field.key(bo!.binding, char);
    expect([ada!.field.selectionStart, ada!.field.selectionEnd]).toEqual([13, 17]);
    ada!.field.key(ada!.binding, 'line');
    expect(docs[1].getText('notes').toString()).toBe('We keep this line');
  });
});

describe('DI-12 the splice of one keystroke goes where the caret says', () => {
  it('a space typed before another space is typed there, not after it', () => {
    expect(spliceBetween('Notes: ', 'Notes:  ', 7)).toEqual({ index: 6, remove: 0, insert: ' ' });
    expect(spliceBetween('Notes: ', 'Notes:  ', 8)).toEqual({ index: 7, remove: 0, insert: ' ' });
  });

  it('a backspace among repeated letters removes the one before the caret', () => {
    expect(spliceBetween('aaa', 'aa', 1)).toEqual({ index: 1, remove: 1, insert: '' });
  });

  it('without a caret, still the smallest splice', () => {
    expect(spliceBetween('abc', 'aXbc')).toEqual({ index: 1, remove: 0, insert: 'X' });
    expect(spliceBetween('same', 'same')).toMatchObject({ remove: 0, insert: '' });
  });
});
