import type { CreateBoardResponse } from '@candor/shared';
import { loadIdentity, rememberFacilitatorKey } from '../sync/identity.js';
import { forgetStored } from '../sync/forgetStored.js';

/**
 * MY-1: the retros this browser created or joined, kept in localStorage only (no accounts). The facilitator
 * link itself stays where it already is (candor:fac:<board>); this list only says that this browser has it.
 */
export interface MyRetro {
  boardId: string;
  name: string;
  /** the team's name for a team retro, so two teams' "Sprint 2" tell apart; absent outside a team and in entries kept before */
  team?: string;
  /** this browser holds the facilitator link */
  created: boolean;
  closed: boolean;
  lastSeen: number;
}

const KEY = 'candor:my-retros';
const MAX = 50;
const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export function loadMyRetros(): MyRetro[] {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    if (!Array.isArray(raw)) return [];
    return raw
      .filter((r): r is MyRetro => typeof r?.boardId === 'string' && ID_PATTERN.test(r.boardId) && typeof r.name === 'string')
      .map((r) => (r.team === undefined || typeof r.team === 'string' ? r : { ...r, team: undefined }))
      .sort((a, b) => b.lastSeen - a.lastSeen);
  } catch {
    return [];
  }
}

/** Adds or refreshes one retro; writes only when something changed. */
export function rememberRetro(entry: Omit<MyRetro, 'lastSeen'>): void {
  const all = loadMyRetros();
  const existing = all.find((r) => r.boardId === entry.boardId);
  if (existing && existing.name === entry.name && existing.team === entry.team && existing.closed === entry.closed && existing.created === entry.created) return;
  const next = [{ ...entry, lastSeen: Date.now() }, ...all.filter((r) => r.boardId !== entry.boardId)].slice(0, MAX);
  localStorage.setItem(KEY, JSON.stringify(next));
}

/**
 * MY-1: a retro just created is kept at once, with its facilitator link: the links are shown only on the page that
 * created it, so a facilitator who left that page before opening the board lost the retro and the role with it.
 */
export function rememberCreatedRetro(created: CreateBoardResponse): void {
  rememberFacilitatorKey(created.boardId, created.facilitatorKey);
  rememberRetro({ boardId: created.boardId, name: created.name, created: true, closed: false });
}

/**
 * MY-2: takes the retro off the list and forgets everything this browser keeps on it — who it was there (id and
 * secret), the facilitator link, drafts, unsent commands, the password — so on a shared computer whoever opens
 * the board next here joins as someone new instead of as the last person, with their cards marked as theirs.
 */
export function forgetRetro(boardId: string): void {
  localStorage.setItem(KEY, JSON.stringify(loadMyRetros().filter((r) => r.boardId !== boardId)));
  // every key Candor writes for a board names it as one segment: candor:board:<id>, candor:draft:<id>:<slot>, candor.password.<id>
  forgetStored((key) => key.startsWith('candor') && key.split(/[:.]/).includes(boardId), localStorage, sessionStorage);
}

/**
 * JN-8: the name this browser last joined a retro with (its most recent retro on the list whose identity it still
 * keeps), offered at the next join. Removing a retro from the list (MY-2) or leaving it (MY-3) forgets that identity,
 * and with it this name, so on a shared computer the last person's name goes with the rest of them.
 */
export function lastDisplayName(): string | null {
  for (const retro of loadMyRetros()) {
    const identity = loadIdentity(retro.boardId);
    if (identity) return identity.name;
  }
  return null;
}
