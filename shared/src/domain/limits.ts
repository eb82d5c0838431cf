/** Size bounds shared by the schemas (server) and the inputs (client). */
export const LIMITS = {
  boardName: 100,
  displayName: 40,
  cardText: 1000,
  groupTitle: 100,
  cardsPerPerson: 50,
  participantsPerBoard: 1000,
  voteBudgetMax: 20,
  timerMinSec: 10,
  timerMaxSec: 60 * 60,
  reviewReason: 140,
  columns: 8,
  columnTitle: 60,
  columnPrompt: 200,
  /** AC-1: board passwords are short things said aloud or pasted into a chat */
  boardPassword: 64,
  /** PR-3: the people list shows this many before "+N more" */
  peopleShown: 12,
  /** PU-3/CO-3: distributions show only with at least this many answers */
  minAnswersToShow: 3,
  /** FA-3: how long the facilitator must have been away before someone may claim the role */
  facilitatorClaimAfterMs: 60_000,
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
  /** TL-4: a per-item breakdown shows only when each viewer sees the taps of at least this many others */
  minOthersToShow: 3,
} as const;

export const DEFAULT_SETTINGS = { voteBudget: 3, perItemCap: 2 } as const;
