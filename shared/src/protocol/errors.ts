export const ErrorCode = {
  INVALID_INPUT: 'INVALID_INPUT',
  UNKNOWN_EVENT: 'UNKNOWN_EVENT',
  NOT_JOINED: 'NOT_JOINED',
  BAD_CREDENTIALS: 'BAD_CREDENTIALS',
  NOT_FACILITATOR: 'NOT_FACILITATOR',
  WRONG_PHASE: 'WRONG_PHASE',
  BAD_TRANSITION: 'BAD_TRANSITION',
  NOT_FOUND: 'NOT_FOUND',
  NOT_YOURS: 'NOT_YOURS',
  VOTE_BUDGET_EXCEEDED: 'VOTE_BUDGET_EXCEEDED',
  VOTE_CAP_EXCEEDED: 'VOTE_CAP_EXCEEDED',
  CARD_LIMIT: 'CARD_LIMIT',
  OFFER_LIMIT: 'OFFER_LIMIT',
  RATE_LIMITED: 'RATE_LIMITED',
  /** AB-5: the board has as many participants counted as it may */
  BOARD_FULL: 'BOARD_FULL',
  CONFLICT: 'CONFLICT',
  /** RX-3: the facilitator turned reactions off */
  REACTIONS_OFF: 'REACTIONS_OFF',
  /** SU-2: the server has no SMTP_URL, so it cannot send mail */
  EMAIL_UNAVAILABLE: 'EMAIL_UNAVAILABLE',
  /** CM-3: a command id was resent with another type or payload */
  ID_REUSED: 'ID_REUSED',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type Ack<T = unknown> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string };

export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string): { ok: false; code: ErrorCode; message: string } {
  return { ok: false, code, message };
}
