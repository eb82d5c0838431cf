/** Size bounds shared by the schemas (server) and the inputs (client). */
export const LIMITS = {
  boardName: 100,
  displayName: 40,
  cardText: 1000,
  groupTitle: 100,
  cardsPerPerson: 50,
  participantsPerBoard: 1000,
  /**
   * JN-4: the people a board's door knows by their secret (`Access.members`); past it the longest recorded is dropped
   * (and meets the door as a newcomer again). Each closing of the door and each orderly shutdown records at most the
   * people then in the list, so only many of them could reach it.
   */
  membersPerBoard: 2000,
  voteBudgetMax: 20,
  timerMinSec: 10,
  timerMaxSec: 60 * 60,
  reviewReason: 140,
  columns: 8,
  columnTitle: 60,
  columnPrompt: 200,
  /** CI-3: the facilitator's own check-in question, one line */
  checkInText: 140,
  /** JN-1: board passwords are short things said aloud or pasted into a chat */
  boardPassword: 64,
  /** PR-2: the people list shows this many before "+N more" */
  peopleShown: 12,
  /**
   * AN-9 (PU-3, CO-3): a pulse or consensus distribution shows only when everyone looking can see at least this
   * many answers besides their own, i.e. with at least one more answer than this. The facilitator may raise it.
   * The trust lens's per-item breakdown follows the same rule (TL-4).
   */
  minOthersToShow: 3,
  /** AN-9: the highest the facilitator may raise `minOthersToShow` to */
  minOthersToShowMax: 20,
  /** AN-10: unrevealed cards are counted in public only once this many people have written some */
  minWritersToCount: 3,
  /** AN-10: ...and then only in steps of this many cards */
  cardCountStep: 5,
  /** FA-3: how long the facilitator must have been away before someone may claim the role */
  facilitatorClaimAfterMs: 60_000,
  /** DO-6: how long a document connection ticket is valid (it is used once, within a second normally) */
  docTicketTtlMs: 30_000,
  /** DO-6: unused tickets one person may hold at once; asking for more drops the oldest */
  docTicketsPerPerson: 8,
  /** DO-8: open connections one person may hold to one document (a few tabs) */
  docConnectionsPerPerson: 6,
  /** DO-5: malformed messages a document connection may send before it is closed */
  malformedDocMessages: 3,
  /** DO-11: the longest `board.doc` message a socket may send (a sync step 1: a state vector, a few bytes) */
  boardDocMessageBytes: 4096,
  /** DO-7: bytes the server holds unsent for one connection (WebSocket or Socket.io) before closing it */
  sendBufferBytes: 8 * 1024 * 1024,
  /** DI-5: how many item ids a discussion order may list */
  discussOrderMax: 500,
  /** DI-8: what "+1 min" adds to the timer */
  timerExtendSec: 60,
  /** SU-1: addresses per summary email, and the length of one */
  emailRecipients: 20,
  emailAddress: 254,
  /** GR-6: a new group's title is its first card's first words, at most this many */
  groupTitleWords: 6,
  /** OF-2: open offers of help one person may have on a board at once */
  offersPerPerson: 10,
  offerText: 280,
  /** AK-1: the name of the role or team an action asks something of */
  askOf: 100,
  /** MV-2: "being moved" signals one connection may send at once, then this many a second */
  movingBurst: 10,
  movingPerSecond: 2,
  /** MV-2: a "being moved" mark ends by itself after this long unless renewed; the dragging browser renews it */
  movingTtlMs: 10_000,
  movingRenewMs: 4_000,
  /** MV-1: marks are relayed to the board in batches, at most one message per board this often */
  movingBatchMs: 100,
} as const;

export const DEFAULT_SETTINGS = { voteBudget: 3, perItemCap: 2 } as const;
