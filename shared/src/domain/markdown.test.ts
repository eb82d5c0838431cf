import { describe, expect, it } from 'vitest';
import { notesKey } from '../protocol/events.js';
import { renderMarkdown } from './markdown.js';
import { renderCsv } from './exports.js';
import { EXPORT_LANGUAGES, EXPORT_WORDS, type ExportLanguage } from './exportWords.js';
import { columnTitleIn, TEMPLATE_COLUMN_TITLES } from './templateTitles.js';
import { actor, addCard, addPerson, alice, boardWith, bob, enoughVoters, everyone, fran, moveTo, must, REVIEW, teamBoardWith } from './testBoard.js';
import { viewOf } from './visibility.js';
import { findTemplate, TEMPLATES, type Column } from './templates.js';

const EXPORTED = new Date('2030-03-04T10:00:00Z');

/** `beforeClose` runs in Discuss, after the first action is made, before the retro is closed */
function finishedRetro(beforeClose?: (state: ReturnType<typeof boardWith>, ids: { a: string; actionId: string }) => void) {
  const state = boardWith();
  const a = addCard(state, alice, 'Flaky CI', 'stop');
  const b = addCard(state, bob, 'Pairing', 'continue');
  const c = addCard(state, bob, 'More pairing', 'continue');
  addCard(state, alice, 'Demos', 'start');
  moveTo(state, 'reveal');
  must(state, alice, { type: 'card.group', cardId: b, withCardId: c });
  const group = state.cards.get(b)!.groupId!;
  must(state, alice, { type: 'group.title', groupId: group, title: 'Pair more', previous: state.groups.get(group)!.title });
  moveTo(state, 'vote');
  must(state, alice, { type: 'vote.cast', itemId: a });
  must(state, bob, { type: 'vote.cast', itemId: group });
  must(state, bob, { type: 'vote.cast', itemId: group });
  enoughVoters(state, group); // AN-12: enough voters for the tallies to show
  moveTo(state, 'discuss');
  must(state, fran, { type: 'discuss.select', itemId: a });
  must(state, fran, { type: 'discuss.select', itemId: group });
  const { actionId } = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: a, text: 'Fix CI' });
  must(state, alice, { type: 'action.volunteer', actionId, volunteer: true });
  must(state, alice, { type: 'action.due', actionId, dueDate: '2030-03-18' });
  beforeClose?.(state, { a, actionId });
  moveTo(state, 'closed');
  const notes = { [notesKey.action(actionId)]: 'Quarantine the flaky tests', [notesKey.item(a)]: 'It fails on Mondays.' };
  return { state, a, group, actionId, notes };
}

describe('markdown export', () => {
  it('EX-1 heads the export with the board name, date and counts', () => {
    const { state, notes } = finishedRetro();
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, notes, EXPORTED);
    expect(md.startsWith('# Sprint 42\n')).toBe(true);
    expect(md).toContain('Exported 2030-03-04 · 3 people · 4 cards');
  });

  it('EX-1 says "1 person" of a retro of one, not "1 people"', () => {
    const state = boardWith();
    for (const id of [...state.participants.keys()]) if (id !== fran.participantId) state.participants.delete(id);
    addCard(state, fran, 'Alone here', 'stop');
    moveTo(state, 'closed');
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, {}, EXPORTED);
    expect(md).toContain('Exported 2030-03-04 · 1 person · 1 card\n');
  });

  it('SL-3 a closed retro keeps its count of people as it was at Close, after someone is forgotten (AB-6)', () => {
    const { state, notes } = finishedRetro((s) => addPerson(s, 'Late'));
    const render = (language: ExportLanguage) => renderMarkdown(viewOf(state, { kind: 'public' }).board, notes, EXPORTED, language, state.peopleAtClose);
    expect(render('en')).toContain('Exported 2030-03-04 · 4 people · 4 cards');
    // the late joiner who did nothing is forgotten when the room unloads: the summary says what it said at Close
    state.participants.delete(actor('late').participantId);
    expect(viewOf(state, { kind: 'public' }).board.participants).toHaveLength(3);
    expect(render('en')).toContain('Exported 2030-03-04 · 4 people · 4 cards');
    expect(render('de')).toContain('Exportiert am 2030-03-04 · 4 Personen · 4 Karten');
  });

  it('SL-3 a retro closed before the count was kept at Close (no count in its log) counts the people it lists', () => {
    const { state, notes } = finishedRetro();
    state.peopleAtClose = null;
    expect(renderMarkdown(viewOf(state, { kind: 'public' }).board, notes, EXPORTED, 'en', state.peopleAtClose)).toContain('· 3 people ·');
  });

  it('EX-1 ticks the box of an action the room ticked done (AC-6), and only that one', () => {
    let open = '';
    const { state, notes } = finishedRetro((board, { a, actionId }) => {
      open = must<{ actionId: string }>(board, fran, { type: 'action.create', itemId: a, text: 'Still open' }).actionId;
      must(board, alice, { type: 'action.done', actionId, done: true });
    });
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, { ...notes, [notesKey.action(open)]: 'Still open' }, EXPORTED);
    expect(md).toContain('- [x] Quarantine the flaky tests — Alice · due 2030-03-18');
    expect(md).toContain('- [ ] Still open — nobody yet');
  });

  it('EX-1 lists actions with their shared text, owners by name and due date', () => {
    const { state, notes } = finishedRetro();
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, notes, EXPORTED);
    expect(md).toContain('- [ ] Quarantine the flaky tests — Alice · due 2030-03-18\n  - from: Flaky CI');
  });

  it('EX-1 lists discussed items in the order discussed, with vote counts and notes', () => {
    const { state, notes } = finishedRetro();
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, notes, EXPORTED);
    const pair = md.indexOf('### Pair more (5 votes)'); // bob's two and three from AN-12's voters who left
    const ci = md.indexOf('### Flaky CI (1 vote)');
    expect(ci).toBeGreaterThan(0);
    // Flaky CI was discussed first, though Pair more has more votes
    expect(pair).toBeGreaterThan(ci);
    expect(md).toContain('It fails on Mondays.');
    expect(md).toContain('_No notes._');
  });

  it('EX-1 lists every revealed card under its column, grouped cards with their group', () => {
    const { state, notes } = finishedRetro();
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, notes, EXPORTED);
    const allCards = md.slice(md.indexOf('## All cards'));
    expect(allCards).toMatch(/### Start\n\n- Demos\n/);
    expect(allCards).toMatch(/### Stop\n\n- Flaky CI _\(1 vote\)_/);
    expect(allCards).toContain('- Pairing _(group: Pair more)_');
    expect(allCards).toContain('- More pairing _(group: Pair more)_');
  });

  it('EX-11 writes a vote count only where it is above zero, in English and German; the cards CSV keeps 0 on every row', () => {
    // Demos is discussed too, and nobody voted for it: its heading and its line under "All cards" carry no count
    const { state, notes } = finishedRetro((board) => {
      const demos = [...board.cards.values()].find((c) => c.text === 'Demos')!.id;
      must(board, fran, { type: 'discuss.select', itemId: demos });
    });
    const board = viewOf(state, { kind: 'public' }).board;
    for (const language of EXPORT_LANGUAGES) {
      const md = renderMarkdown(board, notes, EXPORTED, language);
      const zero = EXPORT_WORDS[language].votes(0);
      expect(md, `${language}: "${zero}" nowhere`).not.toContain(zero);
      expect(md, language).toContain(`### Demos\n`);
      expect(md, language).toMatch(/\n- Demos\n/);
      // the counts above zero stay where they were
      expect(md, language).toContain(`### Flaky CI (${EXPORT_WORDS[language].votes(1)})`);
      expect(md, language).toContain(`- Flaky CI _(${EXPORT_WORDS[language].votes(1)})_`);
    }
    const demosRow = renderCsv(board).split('\r\n').find((row) => row.includes('"Demos"'));
    expect(demosRow).toBe('"Start","Demos","","0","Sprint 42","2023-11-14","Fran"');
  });

  it('SM-2 EX-1 a discussed card without a group title is headed by its first words (about 80 characters, cut at a word, then …), its whole text right below', () => {
    const long = `We keep shipping on Fridays ${'because the release train leaves then and nobody wants to wait a week '.repeat(8)}and it hurts.`;
    const state = boardWith();
    const a = addCard(state, alice, long, 'stop');
    const b = addCard(state, bob, 'Demos', 'start');
    moveTo(state, 'discuss');
    must(state, fran, { type: 'discuss.select', itemId: a });
    must(state, fran, { type: 'discuss.select', itemId: b });
    moveTo(state, 'closed');
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, {}, EXPORTED);
    const discussed = md.slice(md.indexOf('## Discussed'), md.indexOf('## All cards'));
    const headings = discussed.split('\n').filter((line) => line.startsWith('### '));
    expect(headings).toHaveLength(2);
    const heading = headings[0]!.slice(4).replace(/ \(.*\)$/, '');
    expect(heading.endsWith('…')).toBe(true);
    expect(heading.length).toBeLessThanOrEqual(81);
    expect(heading.length).toBeGreaterThan(60);
    // cut after a whole word: what stands before the … is how the card starts, up to a space
    expect(long.startsWith(heading.slice(0, -1))).toBe(true);
    expect(long[heading.length - 1]).toBe(' ');
    // the whole text right below the heading, once
    expect(discussed.split(headings[0]!)[1]!.trimStart().startsWith(long)).toBe(true);
    // a short card is its own heading, with nothing repeated below it
    expect(headings[1]).toBe('### Demos');
    expect(discussed.split('Demos')).toHaveLength(2);
  });

  it('SM-2 SW-5 EX-1 an action\'s "from:" line names a long card by its first words, as its heading does, not its whole text again', () => {
    const long = `We keep shipping on Fridays ${'because the release train leaves then and nobody wants to wait a week '.repeat(8)}and it hurts.`;
    const state = boardWith();
    const a = addCard(state, alice, long, 'stop');
    moveTo(state, 'discuss');
    must(state, fran, { type: 'discuss.select', itemId: a });
    const { actionId } = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: a, text: 'Release on Tuesdays' });
    moveTo(state, 'closed');
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, { [notesKey.action(actionId)]: 'Release on Tuesdays' }, EXPORTED);
    const heading = md.split('\n').find((line) => line.startsWith('### '))!.slice(4).replace(/ \(.*\)$/, '');
    const from = md.split('\n').find((line) => line.startsWith('  - from: '))!.slice('  - from: '.length);
    expect(from.endsWith('…')).toBe(true);
    expect(from).toBe(heading);
    // the whole text once, under its heading in 'Discussed', and once in 'All cards'
    expect(md.split(long)).toHaveLength(3);
  });

  it('SM-2 EX-1 a group title someone wrote (at most 100 characters) heads its item whole, never cut', () => {
    const title = 'Releases keep slipping because the review queue is long and nobody owns the merge train at all';
    const state = boardWith();
    const a = addCard(state, alice, 'Reviews wait', 'stop');
    const b = addCard(state, bob, 'Merges wait', 'stop');
    moveTo(state, 'reveal');
    must(state, alice, { type: 'card.group', cardId: b, withCardId: a });
    const group = state.cards.get(a)!.groupId!;
    must(state, alice, { type: 'group.title', groupId: group, title, previous: state.groups.get(group)!.title });
    moveTo(state, 'discuss');
    must(state, fran, { type: 'discuss.select', itemId: group });
    moveTo(state, 'closed');
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, {}, EXPORTED);
    expect(title.length).toBeGreaterThan(80);
    expect(md).toContain(`### ${title}\n`);
  });

  it('SM-2 EX-1 EX-6 "All cards" lists each column\'s cards in the cards CSV\'s order: the discussion order (by votes here), not the reveal order', () => {
    const state = boardWith();
    const ids = [
      addCard(state, alice, 'stop: friday deploys', 'stop'),
      addCard(state, bob, 'stop: long standups', 'stop'),
      addCard(state, fran, 'stop: skipped reviews', 'stop'),
      addCard(state, alice, 'stop: late reviews', 'stop'),
    ];
    moveTo(state, 'reveal');
    must(state, alice, { type: 'card.group', cardId: ids[3]!, withCardId: ids[2]! });
    const group = state.cards.get(ids[2]!)!.groupId!;
    must(state, alice, { type: 'group.title', groupId: group, title: 'Reviews', previous: state.groups.get(group)!.title });
    moveTo(state, 'vote');
    const revealed = viewOf(state, { kind: 'public' }).board.cards.map((c) => c.text);
    // the votes put the reveal order upside down: its last item gets the most, its first none
    const items = revealed.map((text) => state.cards.get(ids.find((id) => state.cards.get(id)!.text === text)!)!).map((card) => card.groupId ?? card.id);
    const byReveal = [...new Set(items)];
    byReveal.forEach((itemId, i) => {
      for (let n = 0; n < i; n++) must(state, [alice, bob, fran][n % 3]!, { type: 'vote.cast', itemId });
    });
    enoughVoters(state, byReveal.at(-1)!);
    moveTo(state, 'closed');
    const board = viewOf(state, { kind: 'public' }).board;
    const md = renderMarkdown(board, {}, EXPORTED);
    const listed = md.slice(md.indexOf('### Stop', md.indexOf('## All cards'))).split('\n\n')[1]!.split('\n').map((line) => line.replace(/^- /, '').replace(/ _\(.*\)_$/, ''));
    const csvOrder = renderCsv(board).split('\r\n').slice(1).map((row) => row.split('","')[1]).filter((card): card is string => Boolean(card));
    expect(listed).toEqual(csvOrder);
    expect(listed).not.toEqual(revealed);
  });

  it('AN-4 the export carries no participant id, author tag or voter tag', () => {
    const { state, notes } = finishedRetro();
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, notes, EXPORTED);
    for (const a of everyone) {
      expect(md).not.toContain(a.participantId);
      expect(md).not.toContain(a.authorTag);
      expect(md).not.toContain(a.voterTag);
    }
  });

  it('AN-4 an export taken before Reveal has no card text and no votes', () => {
    const state = boardWith();
    addCard(state, alice, 'still private');
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, {}, EXPORTED);
    expect(md).not.toContain('still private');
    expect(md).toContain('0 cards'); // AN-10: one writer's card is not counted in public
    expect(md).toContain('_No actions were agreed._');
    expect(md).toContain('_Nothing was discussed._');
    expect(md).not.toMatch(/votes?\)/);
  });

  it('WF-6 AC-9 does not say "Nothing was discussed" of a retro whose actions were planned in Act without opening an item in Discuss', () => {
    const state = boardWith();
    const a = addCard(state, alice, 'Flaky CI', 'stop');
    moveTo(state, 'act');
    must(state, alice, { type: 'action.create', itemId: a, text: 'Fix CI' });
    moveTo(state, 'closed');
    for (const language of EXPORT_LANGUAGES) {
      const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, {}, EXPORTED, language);
      expect(md).not.toContain(EXPORT_WORDS[language].nothingDiscussed);
      expect(md).toContain(`_${EXPORT_WORDS[language].nothingDiscussedActions}_`);
    }
  });

  it('AC-9 WF-6 lists under "Discussed" the items a room wrote notes on in Act without opening one in Discuss, with their notes', () => {
    const state = boardWith();
    const a = addCard(state, alice, 'Flaky CI', 'stop');
    addCard(state, alice, 'Long standups', 'stop');
    moveTo(state, 'act');
    moveTo(state, 'closed');
    for (const language of EXPORT_LANGUAGES) {
      const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, { [notesKey.item(a)]: 'Quarantine the flaky suite' }, EXPORTED, language);
      const discussed = md.slice(md.indexOf(`## ${EXPORT_WORDS[language].discussed}`), md.indexOf(`## ${EXPORT_WORDS[language].allCards}`));
      expect(discussed).toContain(`_${EXPORT_WORDS[language].nothingDiscussedNotes}_`);
      expect(discussed).toContain('### Flaky CI');
      expect(discussed).toContain('> Quarantine the flaky suite');
      expect(discussed).not.toContain('Long standups');
    }
  });

  it('OF-7 EX-1 lists under each discussed item the offers of help made on it, by name, and which became an action', () => {
    const { state, notes } = finishedRetro((state, { a }) => {
      const { offerId } = must<{ offerId: string }>(state, bob, { type: 'offer.add', itemId: a, text: 'I can pair on the CI config' });
      must(state, alice, { type: 'offer.add', itemId: a, text: 'I can review the quarantine list' });
      must(state, fran, { type: 'offer.accept', offerId });
    });
    for (const language of EXPORT_LANGUAGES) {
      const w = EXPORT_WORDS[language];
      const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, notes, EXPORTED, language);
      const discussed = md.slice(md.indexOf(`## ${w.discussed}`), md.indexOf(`## ${w.allCards}`));
      const ci = discussed.slice(discussed.indexOf('### Flaky CI'), discussed.indexOf('### Pair more'));
      expect(ci).toContain(`${w.offers}:\n\n- Bob: I can pair on the CI config _(${w.nowAnAction})_\n- Alice: I can review the quarantine list\n`);
      // after the room's answer: what is right, then who helps
      expect(ci.indexOf('> It fails on Mondays.')).toBeLessThan(ci.indexOf(w.offers));
      expect(discussed.slice(discussed.indexOf('### Pair more'))).not.toContain(w.offers);
    }
  });

  it('OF-7 AC-9 lists under "Discussed" an item that got offers of help in Act without notes', () => {
    const state = boardWith();
    const a = addCard(state, alice, 'Flaky CI', 'stop');
    addCard(state, alice, 'Long standups', 'stop');
    moveTo(state, 'act');
    must(state, bob, { type: 'offer.add', itemId: a, text: 'I can pair on the CI config' });
    moveTo(state, 'closed');
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, {}, EXPORTED);
    const discussed = md.slice(md.indexOf('## Discussed'), md.indexOf('## All cards'));
    expect(discussed).toContain('### Flaky CI');
    expect(discussed).toContain('- Bob: I can pair on the CI config');
    expect(discussed).not.toContain('Long standups');
  });

  it('EX-1 keeps a card on one line even if its text has newlines', () => {
    const state = boardWith();
    addCard(state, alice, 'line one\n# not a heading');
    moveTo(state, 'reveal');
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, {}, EXPORTED);
    expect(md).toContain('- line one # not a heading');
    expect(md).not.toMatch(/^# not a heading/m);
  });

  it('EX-1 a team retro lists the promises it reviewed, with status, reason and carry', () => {
    const state = teamBoardWith();
    must(state, fran, { type: 'review.mark', ref: REVIEW[0].ref, status: 'done' });
    must(state, fran, { type: 'review.mark', ref: REVIEW[1].ref, status: 'not-done', reason: 'the build\nwas red', carry: true });
    moveTo(state, 'closed');
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, {}, EXPORTED);
    expect(md).toContain('## Promises from earlier retros');
    expect(md).toContain('- [x] Fix the flaky tests — Alice · done');
    expect(md).toContain('- [ ] Write the runbook — Bob · not done, carried forward — what got in the way: the build was red');
    expect(md).toContain('- [ ] Try mob programming — nobody · not reviewed');
  });

  it('EX-1 RE-11 each promise says which retro made it and how often it was carried forward, and an ask whom it went to', () => {
    // the summary page and Review said "from “Sprint 41” · carried forward twice"; the file said neither, and an ask
    // nobody in the room owned read "nobody", where Review names whom it was asked of
    const state = teamBoardWith([
      { ...REVIEW[0]!, carried: 2 },
      { ref: 'board-older:action-0009', fromRetro: 'Sprint 40', text: 'A staging database of our own', owners: [], dueDate: null, askOf: 'Platform team' },
    ]);
    must(state, fran, { type: 'review.mark', ref: REVIEW[0]!.ref, status: 'not-done', reason: 'no time', carry: true });
    moveTo(state, 'closed');
    const board = viewOf(state, { kind: 'public' }).board;
    const lines = (md: string) => md.split('\n');
    const en = lines(renderMarkdown(board, {}, EXPORTED));
    const first = en.indexOf('- [ ] Fix the flaky tests — Alice · not done, carried forward — what got in the way: no time');
    expect(en[first + 1]).toBe('  - from “Sprint 41” · carried forward twice before');
    const ask = en.indexOf('- [ ] A staging database of our own — ask of Platform team · not reviewed');
    expect(en[ask + 1]).toBe('  - from “Sprint 40”');
    const de = lines(renderMarkdown(board, {}, EXPORTED, 'de'));
    expect(de[de.indexOf('- [ ] Fix the flaky tests — Alice · nicht erledigt, übernommen — was im Weg stand: no time') + 1]).toBe('  - aus „Sprint 41“ · schon zweimal übernommen');
    expect(de).toContain('- [ ] A staging database of our own — Bitte an Platform team · nicht geprüft');
    // once and more than twice, in both languages
    for (const [carried, words, wörter] of [[1, 'carried forward once before', 'schon einmal übernommen'], [3, 'carried forward 3 times before', 'schon 3-mal übernommen']] as const) {
      const again = teamBoardWith([{ ...REVIEW[1]!, carried }]);
      moveTo(again, 'closed');
      const view = viewOf(again, { kind: 'public' }).board;
      expect(lines(renderMarkdown(view, {}, EXPORTED))).toContain(`  - from “Sprint 41” · ${words}`);
      expect(lines(renderMarkdown(view, {}, EXPORTED, 'de'))).toContain(`  - aus „Sprint 41“ · ${wörter}`);
    }
  });

  it('EX-1 a board without review has no promises section', () => {
    const { state, notes } = finishedRetro();
    expect(renderMarkdown(viewOf(state, { kind: 'public' }).board, notes, EXPORTED)).not.toContain('## Promises');
  });

  it('EX-1 AN-9 shows the pulse as a distribution once each who answered sees at least 3 other answers', () => {
    const state = teamBoardWith();
    const dana = addPerson(state, 'Dana');
    for (const [who, value] of [[fran, 5], [alice, 3], [bob, 4], [dana, 4]] as const) must(state, who, { type: 'pulse.answer', value });
    moveTo(state, 'closed');
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, {}, EXPORTED);
    expect(md).toContain('## Pulse');
    // WE-3: each value with its count; '0 / 0 / 1 / 2 / 1' read as five people's answers
    expect(md).toContain('average 4 from 4 anonymous answers (1 = not safe, 5 = very safe; 1: 0 · 2: 0 · 3: 1 · 4: 2 · 5: 1).');
    expect(renderMarkdown(viewOf(state, { kind: 'public' }).board, {}, EXPORTED, 'de')).toContain('im Schnitt 4 aus 4 anonymen Antworten (1 = nicht sicher, 5 = sehr sicher; 1: 0 · 2: 0 · 3: 1 · 4: 2 · 5: 1).');
    // WH-3: an average with decimals in German has a decimal comma, in English a point
    const other = teamBoardWith();
    const dee = addPerson(other, 'Dana');
    for (const [who, value] of [[fran, 5], [alice, 3], [bob, 4], [dee, 3]] as const) must(other, who, { type: 'pulse.answer', value });
    moveTo(other, 'closed');
    const view = viewOf(other, { kind: 'public' }).board;
    expect(renderMarkdown(view, {}, EXPORTED)).toContain('average 3.75 from 4 anonymous answers');
    expect(renderMarkdown(view, {}, EXPORTED, 'de')).toContain('im Schnitt 3,75 aus 4 anonymen Antworten');
  });

  it('EX-1 AN-9 with 3 pulse answers or fewer says there are not enough, and nothing more', () => {
    const state = teamBoardWith();
    must(state, alice, { type: 'pulse.answer', value: 1 });
    must(state, bob, { type: 'pulse.answer', value: 2 });
    must(state, fran, { type: 'pulse.answer', value: 2 });
    moveTo(state, 'closed');
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, {}, EXPORTED);
    expect(md).toContain('## Pulse\n\nNot enough answers to show without identifying anyone.');
    expect(md).not.toMatch(/average|anonymous answers/);
  });

  it('GP-5 AN-9 EX-10 the summary says whether the retro was worth the time, as a distribution, or that too few answered', () => {
    const state = boardWith();
    const dana = addPerson(state, 'Dana');
    addCard(state, alice, 'Flaky CI', 'stop');
    moveTo(state, 'act');
    for (const [who, value] of [[fran, 5], [alice, 2], [bob, 4], [dana, 4]] as const) must(state, who, { type: 'roti.answer', value });
    expect(renderMarkdown(viewOf(state, { kind: 'public' }).board, {}, EXPORTED)).not.toContain('Worth the time');
    moveTo(state, 'closed');
    const view = viewOf(state, { kind: 'public' }).board;
    expect(renderMarkdown(view, {}, EXPORTED)).toContain(
      '## Worth the time?\n\nWas this retro worth the time: average 3.75 from 4 anonymous answers (1 = a waste of time, 5 = well worth it; 1: 0 · 2: 1 · 3: 0 · 4: 2 · 5: 1).',
    );
    expect(renderMarkdown(view, {}, EXPORTED, 'de')).toContain('## Hat es sich gelohnt?\n\nWar diese Retro die Zeit wert: im Schnitt 3,75 aus 4 anonymen Antworten');
    const few = boardWith();
    addCard(few, alice, 'Flaky CI', 'stop');
    moveTo(few, 'act');
    must(few, alice, { type: 'roti.answer', value: 1 });
    moveTo(few, 'closed');
    const md = renderMarkdown(viewOf(few, { kind: 'public' }).board, {}, EXPORTED);
    expect(md).toContain('## Worth the time?\n\nNot enough answers to show without identifying anyone.');
    expect(md).not.toMatch(/average|anonymous answers/);
    // nobody answered: no section
    expect(renderMarkdown(viewOf(finishedRetro().state, { kind: 'public' }).board, {}, EXPORTED)).not.toContain('Worth the time');
  });

  it('EX-1 shows a revealed consensus check as a distribution with the doubts flag', () => {
    const state = boardWith();
    const a = addCard(state, alice, 'Flaky CI', 'stop');
    moveTo(state, 'discuss');
    const { actionId } = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: a, text: 'Fix CI' });
    const dana = addPerson(state, 'Dana');
    must(state, fran, { type: 'consensus.start', actionId });
    for (const [who, value] of [[fran, 5], [alice, 1], [bob, 4], [dana, 5]] as const) must(state, who, { type: 'consensus.answer', actionId, value });
    moveTo(state, 'closed');
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, { [notesKey.action(actionId)]: 'Quarantine' }, EXPORTED);
    // WE-3: '0 / 1 / 0 / 0 / 1 / 2' read as six people's answers (there were four); each value now says its count
    expect(md).toContain(
      '- [ ] Quarantine — nobody yet · due 2023-11-28\n  - from: Flaky CI\n  - consensus (fist of five, 0 = block, 5 = fully support): average 3.75 from 4 answers; 0: 0 · 1: 1 · 2: 0 · 3: 0 · 4: 1 · 5: 2 — someone had doubts',
    );
    const de = renderMarkdown(viewOf(state, { kind: 'public' }).board, { [notesKey.action(actionId)]: 'Quarantine' }, EXPORTED, 'de');
    // WH-3: a German summary writes its decimals as German does, as the page's own charts do ("3,75", not "3.75")
    expect(de).toContain('  - Konsens (Fist of Five, 0 = Veto, 5 = unterstütze voll): im Schnitt 3,75 aus 4 Antworten; 0: 0 · 1: 1 · 2: 0 · 3: 0 · 4: 1 · 5: 2 — jemand hatte Zweifel');
  });

  it('EX-1 TL-4 a discussed item\'s trust-lens counts are there once they could show (at least 4 tapped), as on the closed summary', () => {
    const { state, notes } = finishedRetro((board) => {
      const dana = addPerson(board, 'Dana');
      const itemId = board.currentItemId!; // the group, discussed last
      must(board, fran, { type: 'lens.set', on: true });
      for (const [who, part] of [[fran, 'reliability'], [alice, 'reliability'], [bob, 'empathy'], [dana, 'reliability']] as const) {
        must(board, who, { type: 'lens.tap', itemId, part, on: true });
      }
    });
    const view = viewOf(state, { kind: 'public' }).board;
    expect(renderMarkdown(view, notes, EXPORTED)).toContain('### Pair more (5 votes)\n\nTrust lens (4 people tagged it): Credibility 0 · Reliability 3 · Empathy 1 · Apparent self-interest 0');
    expect(renderMarkdown(view, notes, EXPORTED, 'de')).toContain('Vertrauenslinse (4 Personen haben es markiert): Glaubwürdigkeit 0 · Verlässlichkeit 3 · Empathie 1 · Scheinbares Eigeninteresse 0');
  });

  it('EX-1 AN-9 an item fewer than 4 people tagged has no lens line', () => {
    const { state, notes } = finishedRetro((board) => {
      must(board, fran, { type: 'lens.set', on: true });
      for (const who of [fran, alice, bob]) must(board, who, { type: 'lens.tap', itemId: board.currentItemId!, part: 'empathy', on: true });
    });
    expect(renderMarkdown(viewOf(state, { kind: 'public' }).board, notes, EXPORTED)).not.toMatch(/Trust lens/);
  });

  it('EX-1 an action without a consensus check has no consensus line', () => {
    const { state, notes } = finishedRetro();
    expect(renderMarkdown(viewOf(state, { kind: 'public' }).board, notes, EXPORTED)).not.toContain('consensus');
  });

  it('AN-4 the export carries no pulse or consensus tag, and no consensus result under 3 answers', () => {
    const state = boardWith();
    const a = addCard(state, alice, 'x');
    moveTo(state, 'discuss');
    const { actionId } = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: a, text: 'y' });
    must(state, fran, { type: 'consensus.start', actionId });
    must(state, alice, { type: 'consensus.answer', actionId, value: 0 });
    must(state, fran, { type: 'consensus.reveal', actionId });
    moveTo(state, 'closed');
    const md = renderMarkdown(viewOf(state, { kind: 'public' }).board, {}, EXPORTED);
    expect(md).not.toMatch(/pulsetag|consensustag|consensus|doubts/);
  });

  it('EX-10 in German every word of the summary is German; what people typed stays as they typed it', () => {
    const { state, notes } = finishedRetro();
    const view = viewOf(state, { kind: 'public' }).board;
    const de = renderMarkdown(view, notes, EXPORTED, 'de');
    const en = renderMarkdown(view, notes, EXPORTED);
    expect(de).toContain('Exportiert am 2030-03-04 · ');
    expect(de).toContain('- [ ] Quarantine the flaky tests — Alice · fällig 2030-03-18\n  - aus: Flaky CI');
    expect(de).toMatch(/## Maßnahmen[\s\S]*## Besprochen[\s\S]*> It fails on Mondays\.[\s\S]*## Alle Karten[\s\S]*\n## Gruppen\n\n- Pair more: 2 Karten _\(\d+ Stimmen\)_/);
    // the same lines, in the same order: only the words around what people typed differ
    expect(de.split('\n').length).toBe(en.split('\n').length);
    for (const [key, english] of Object.entries(EXPORT_WORDS.en)) {
      if (typeof english === 'string' && english.length > 4) expect(de, key).not.toContain(english);
    }
  });

  it('EX-10 in German a column still carrying its template\'s own title is headed in German; a title someone typed stays as typed', () => {
    const [dontKnow, stuck, needHelp, learned] = findTemplate('dont-know')!.columns as [Column, Column, Column, Column];
    // renamed by the facilitator (the template's id, other words), and typed by hand (the template's words, its own id)
    const columns = [dontKnow, stuck, { ...needHelp, title: 'We need help with…' }, { id: 'col-typed', title: learned.title, prompt: '' }];
    const view = viewOf(boardWith({ type: 'columns.changed', columns }), { kind: 'public' }).board;
    const headings = (language: ExportLanguage) => renderMarkdown(view, {}, EXPORTED, language).split(/^## /m).at(-1)!.match(/^### .*$/gm);
    expect(headings('de')).toEqual(['### Ich weiß nicht…', '### Ich komme nicht weiter bei…', '### We need help with…', '### Something I learned']);
    expect(headings('en')).toEqual([`### I don't know…`, `### I'm stuck on…`, '### We need help with…', '### Something I learned']);
  });

  it('EX-10 every template column has its own title in every language but English (which is the template\'s words)', () => {
    for (const [language, titles] of Object.entries(TEMPLATE_COLUMN_TITLES)) {
      const byTemplate: Record<string, Record<string, string> | undefined> = titles;
      for (const template of TEMPLATES) {
        for (const column of template.columns) {
          const title = byTemplate[template.id]?.[column.id];
          expect(title?.trim(), `${language} ${template.id}/${column.id}`).toBeTruthy();
          expect(columnTitleIn(language as ExportLanguage, column)).toBe(title);
        }
      }
    }
    expect(Object.keys(TEMPLATE_COLUMN_TITLES).sort()).toEqual(EXPORT_LANGUAGES.filter((language) => language !== 'en').sort());
  });
});
