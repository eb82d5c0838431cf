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
} as const;

export const DEFAULT_SETTINGS = { voteBudget: 3, perItemCap: 2 } as const;
