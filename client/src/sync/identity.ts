import { nanoid } from 'nanoid';

/**
 * Who I am on one board. There are no accounts: the browser makes a random id and secret the first time
 * someone joins a board and keeps them, so a reload or a dropped connection brings back the same person.
 */
export interface Identity {
  participantId: string;
  secret: string;
  name: string;
}

const identityKey = (boardId: string) => `candor:board:${boardId}`;
const facilitatorKeyKey = (boardId: string) => `candor:fac:${boardId}`;

const SECRET_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;
const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export function loadIdentity(boardId: string): Identity | null {
  const raw = readJson(identityKey(boardId));
  if (!raw || typeof raw !== 'object') return null;
  const { participantId, secret, name } = raw as Partial<Identity>;
  if (typeof participantId !== 'string' || !ID_PATTERN.test(participantId)) return null;
  if (typeof secret !== 'string' || !SECRET_PATTERN.test(secret)) return null;
  if (typeof name !== 'string' || !name.trim()) return null;
  return { participantId, secret, name };
}

export function createIdentity(boardId: string, name: string): Identity {
  const identity: Identity = { participantId: nanoid(), secret: nanoid(43), name: name.trim() };
  localStorage.setItem(identityKey(boardId), JSON.stringify(identity));
  return identity;
}

export function forgetIdentity(boardId: string): void {
  localStorage.removeItem(identityKey(boardId));
}

/** The facilitator key arrives once in the link's hash (#f=…); remembering it lets a plain reload keep the role. */
export function takeFacilitatorKeyFromHash(boardId: string, hash: string): string | null {
  const match = /(?:^#|&)f=([A-Za-z0-9_-]{32,128})(?:&|$)/.exec(hash);
  if (match?.[1]) rememberFacilitatorKey(boardId, match[1]);
  return match?.[1] ?? null;
}

/** Kept as the link's hash would keep it: opening the board later (from My retros, MY-1) is opening it as facilitator. */
export function rememberFacilitatorKey(boardId: string, facilitatorKey: string): void {
  localStorage.setItem(facilitatorKeyKey(boardId), facilitatorKey);
}

export function loadFacilitatorKey(boardId: string): string | null {
  const key = localStorage.getItem(facilitatorKeyKey(boardId));
  return key && SECRET_PATTERN.test(key) ? key : null;
}

export function forgetFacilitatorKey(boardId: string): void {
  localStorage.removeItem(facilitatorKeyKey(boardId));
}

function readJson(key: string): unknown {
  try {
    const raw = localStorage.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}
