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
