import type { Phase } from './phases.js';

/**
 * CI-2: the built-in check-in questions, by id; each page words them in its own language (client i18n,
 * `checkIn.prompts.<id>`). Short, safe at work, answerable in a word or a sentence, and fine to pass on.
 */
export const CHECK_IN_PROMPTS = [
  'oneWord',
  'worthYourTime',
  'weather',
  'smallWin',
  'energy',
  'thanks',
  'learned',
  'surprised',
  'headline',
  'hopeToTalk',
  'helped',
  'setAside',
] as const;
export type CheckInPrompt = (typeof CHECK_IN_PROMPTS)[number];

/** CI-1: the question on everyone's board: one of the built-in ones, or the facilitator's own words. */
export type CheckIn = { prompt: CheckInPrompt } | { text: string };

/** CI-4: the question is there before the team writes, and gone from view once cards are revealed. */
export function checkInShown(phase: Phase): boolean {
  return phase === 'review' || phase === 'write';
}

/** CI-1: the same question (nothing changes when it is asked again). */
export function sameCheckIn(a: CheckIn | null, b: CheckIn | null): boolean {
  if (a === null || b === null) return a === b;
  return 'prompt' in a ? 'prompt' in b && a.prompt === b.prompt : 'text' in b && a.text === b.text;
}
