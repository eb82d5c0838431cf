import { LIMITS } from './limits.js';
import type { ExportLanguage } from './exportWords.js';

/**
 * NA-1: the name a retro gets when its creator gives none. A team retro is "<team> retro #N" (N counts the
 * team's retros, this one included; a long team name is shortened to keep within IN-4); any other retro is
 * named after the day it was created (UTC). In German (the creator's page's language) the number reads "Retro Nr. N".
 */
export function defaultRetroName(now: Date, team: { name: string; retroCount: number } | null, language: ExportLanguage = 'en'): string {
  if (!team) return `Retro ${now.toISOString().slice(0, 10)}`;
  const suffix = language === 'de' ? ` Retro Nr. ${team.retroCount + 1}` : ` retro #${team.retroCount + 1}`;
  return team.name.slice(0, LIMITS.boardName - suffix.length).trimEnd() + suffix;
}
