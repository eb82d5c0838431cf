/**
 * The smallest single splice turning `before` into `after`: common prefix and suffix are kept.
 *
 * `caret`, where the caret is in `after`, settles where a change among repeated characters was made: what follows
 * the caret is the unchanged tail, so the kept suffix never reaches left of it. Without it, a space typed beside
 * someone else's space counted as typed after theirs, and the two people's words changed places around it.
 */
export function spliceBetween(before: string, after: string, caret = 0): { index: number; remove: number; insert: string } {
  let endBefore = before.length;
  let endAfter = after.length;
  const suffixLimit = Math.max(0, Math.min(caret, after.length));
  while (endBefore > 0 && endAfter > suffixLimit && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  let start = 0;
  while (start < endBefore && start < endAfter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}
