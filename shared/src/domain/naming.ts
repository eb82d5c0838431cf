import { LIMITS } from './limits.js';

/**
 * NA-1: the name a retro gets when its creator gives none. A team retro is "<team> retro #N" (N counts the
 * team's retros, this one included; a long team name is shortened to keep within IN-4); any other retro is
 * named after the day it was created (UTC).
 */
export function defaultRetroName(now: Date, team: { name: string; retroCount: number } | null): string {
  if (!team) return `Retro ${now.toISOString().slice(0, 10)}`;
  const suffix = ` retro #${team.retroCount + 1}`;
  return team.name.slice(0, LIMITS.boardName - suffix.length).trimEnd() + suffix;
}
