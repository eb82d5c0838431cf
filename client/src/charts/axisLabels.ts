/**
 * UI-36 UI-38: the retro names under a chart's points, made to fit the room each has. A team names its retros alike
 * ("Platform retro #1", "Platform retro #2"): when they do not fit, the words they all begin with are left out, since
 * they tell the points apart no better than nothing; only then is a name cut, with "…". The whole names stay in the
 * chart's description and its table.
 */
export function fitAxisLabels(labels: readonly string[], roomOf: (index: number) => number, widthOf: (text: string) => number): string[] {
  const fits = (texts: readonly string[]) => texts.every((text, i) => widthOf(text) <= roomOf(i));
  if (fits(labels)) return [...labels];
  const distinct = withoutSharedStart(labels);
  if (fits(distinct)) return distinct;
  return distinct.map((text, i) => shortenTo(text, roomOf(i), widthOf));
}

/** The labels without the whole words every one of them starts with (any case), as long as each keeps a word. */
export function withoutSharedStart(labels: readonly string[]): string[] {
  if (labels.length < 2) return [...labels];
  const words = labels.map((label) => label.trim().split(/\s+/));
  let shared = 0;
  while (
    words.every((w) => w.length > shared + 1) &&
    words.every((w) => w[shared]!.toLocaleLowerCase() === words[0]![shared]!.toLocaleLowerCase())
  )
    shared += 1;
  return words.map((w) => w.slice(shared).join(' '));
}

function shortenTo(text: string, room: number, widthOf: (text: string) => number): string {
  if (widthOf(text) <= room) return text;
  // at least one letter and the ellipsis, so a point is never left with nothing under it
  let keep = text.length - 1;
  while (keep > 1 && widthOf(`${text.slice(0, keep).trimEnd()}…`) > room) keep -= 1;
  return `${text.slice(0, keep).trimEnd()}…`;
}

/** where a word is drawn on a chart, in the chart's pixels */
export interface WordBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * UI-39: the order in which a chart's words under (or over) its points claim their place: the most recent retro's
 * first, then the first retro's, then the rest from the right, so the newest stays when there is no room for all.
 */
export function drawOrder(count: number): number[] {
  if (count < 2) return count === 1 ? [0] : [];
  const order = [count - 1, 0];
  for (let i = count - 2; i > 0; i--) order.push(i);
  return order;
}

/**
 * UI-39: which words to draw so that no two overlap: taken in `order`, a word is left out where it would come within
 * `gap` of one drawn before it or of an `obstacle`, or leave `bounds`. With many retros or close values the names and
 * numbers ran into each other on a phone; what is left out stays in the chart's table, description and tooltips.
 */
export function withoutOverlaps(boxes: readonly (WordBox | null)[], order: readonly number[], options: PlaceOptions): boolean[] {
  return placeWords(
    boxes.map((box) => (box ? [box] : [])),
    order,
    options,
  ).map((place) => place >= 0);
}

interface PlaceOptions {
  gap: number;
  obstacles?: readonly WordBox[];
  bounds?: { left: number; right: number };
}

/**
 * `withoutOverlaps` with a choice of places per word (a value over its point, else under it): the index of the first
 * place that is free for each word, or -1 where none is and the word is left out.
 */
export function placeWords(places: readonly (readonly WordBox[])[], order: readonly number[], options: PlaceOptions): number[] {
  const { gap, obstacles = [], bounds } = options;
  const meets = (a: WordBox, b: WordBox) => a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
  const drawn: WordBox[] = [...obstacles];
  const chosen = places.map(() => -1);
  for (const i of order) {
    const free = (places[i] ?? []).findIndex(
      (box) => !(bounds && (box.left < bounds.left || box.right > bounds.right)) && !drawn.some((other) => meets(box, other)),
    );
    if (free < 0) continue;
    drawn.push(places[i]![free]!);
    chosen[i] = free;
  }
  return chosen;
}
