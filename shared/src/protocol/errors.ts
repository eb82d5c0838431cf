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
  /** LK-1: the facilitator made the board read-only */
  BOARD_LOCKED: 'BOARD_LOCKED',
  /** JN-1: the board has a password and none (or the old one) was given */
  PASSWORD_REQUIRED: 'PASSWORD_REQUIRED',
  WRONG_PASSWORD: 'WRONG_PASSWORD',
  /** JN-3: knock is on; the facilitator has been asked to let this person in */
  WAITING_TO_BE_ADMITTED: 'WAITING_TO_BE_ADMITTED',
  /** JN-9: someone here now already has the name a newcomer gave */
  NAME_TAKEN: 'NAME_TAKEN',
  /** JN-4: the facilitator closed the door to newcomers */
  JOINING_LOCKED: 'JOINING_LOCKED',
  /** MO-1: the facilitator removed this person; this identity cannot come back */
  REMOVED: 'REMOVED',
  /** VO-10: a lower budget or cap while voting is open */
  ONLY_RAISED_WHILE_VOTING: 'ONLY_RAISED_WHILE_VOTING',
  /** RX-3: the facilitator turned reactions off */
  REACTIONS_OFF: 'REACTIONS_OFF',
  /** SU-2: the server has no SMTP_URL, so it cannot send mail */
  EMAIL_UNAVAILABLE: 'EMAIL_UNAVAILABLE',
  /** CM-3: a command id was resent with another type or payload */
  ID_REUSED: 'ID_REUSED',
  /** DO-8: this person already reads the board document in as many places as allowed */
  TOO_MANY_CONNECTIONS: 'TOO_MANY_CONNECTIONS',
  /**
   * CM-6: the store did not answer whether the command's commit was made (PostgreSQL frozen mid-commit): it may have
   * been applied or not. The browser keeps it and sends it again with the same id, which applies it at most once.
   */
  OUTCOME_UNKNOWN: 'OUTCOME_UNKNOWN',
  /** TM-16: a retro still running (not left open) is closed on its board, not from the team page */
  NOT_LEFT_OPEN: 'NOT_LEFT_OPEN',
  /** EX-12: a time zone this server does not know (a browser sends its own IANA name, `Intl`'s) */
  BAD_TIME_ZONE: 'BAD_TIME_ZONE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type Ack<T = unknown> =
  | { ok: true; data: T }
  /** `waitSeconds`: JN-9 SW-1, with NAME_TAKEN: how long a device gone silent holds its person's name at most (the server's heartbeat) */
  | { ok: false; code: ErrorCode; message: string; waitSeconds?: number };

export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string): { ok: false; code: ErrorCode; message: string } {
  return { ok: false, code, message };
}
