/**
 * RN-1: a gentle nudge while someone writes an action, like the blameless nudge on cards. When the text hands
 * the problem to someone absent or to nobody ("management should…", "someone needs to…", "not our call",
 * "we need approval"), it asks what someone in the room could do first. It never blocks: it is a hint.
 * The phrasings are matched in English and German (the two UI languages), whatever the UI language is.
 */
export const RESPONSIBILITY_HINT = 'What could someone in this room do first?';

/** a third party, then a modal that hands them the work */
const EN_MODAL = String.raw`(?:should|must|ought\s+to|needs?\s+to|has\s+to|have\s+to|gotta|has\s+got\s+to|needs?\s+to\s+be\s+the\s+ones?\s+to)`;
const EN_ABSENT = String.raw`(?:(?:upper\s+|senior\s+)?management|leadership|the\s+business|(?:the\s+)?execs?|executives|the\s+company|higher[- ]ups|the\s+powers\s+that\s+be|(?:the\s+)?(?:other|platform|ops|infra|infrastructure|security|sre|qa|design|product|sales|legal|hr|it|devops)\s+teams?|someone(?:\s+else)?|somebody(?:\s+else)?|anyone|anybody|they|them|those\s+people|people)`;

const DE_MODAL = String.raw`(?:muss|müssen|müsste|müssten|soll|sollen|sollte|sollten)`;
const DE_ABSENT = String.raw`(?:das\s+|die\s+)?(?:management|führung|geschäftsleitung|geschäftsführung|chefetage|leitung|vorgesetzten|(?:das\s+|die\s+)?anderen?\s+teams?|(?:das\s+|die\s+)?(?:plattform|ops|infra|security|it|hr|qa)[- ]?teams?|jemand(?:\s+anderes)?|irgendwer|irgendjemand|man|die|sie)`;

const PATTERNS: RegExp[] = [
  // English: a third party or nobody in particular is told what to do.
  new RegExp(String.raw`(?<![\p{L}-])${EN_ABSENT}\s+(?:really\s+|just\s+|finally\s+|definitely\s+)?${EN_MODAL}(?![\p{L}])`, 'iu'),
  // English: not ours to act on.
  /\bnot\s+(?:our|my)\s+(?:call|job|problem|decision|responsibility|business|department|place)\b/i,
  /\bnot\s+up\s+to\s+(?:us|me)\b/i,
  /\b(?:out\s+of\s+our\s+hands|nothing\s+we\s+can\s+do|above\s+our\s+pay\s*grade)\b/i,
  // English: waiting for permission instead of a first step.
  /\b(?:we|i)\s+(?:need|needs|require|must\s+get|have\s+to\s+get|would\s+need)\s+(?:an?\s+|the\s+|their\s+|some\s+)?(?:approval|permission|sign[- ]?off|go[- ]ahead|buy[- ]in)\b/i,
  /\b(?:waiting|wait)\s+(?:for|on)\s+(?:an?\s+|the\s+|their\s+)?(?:approval|permission|sign[- ]?off|go[- ]ahead)\b/i,
  /\bneeds?\s+to\s+be\s+(?:approved|signed\s+off)\b/i,
  // German: someone absent or nobody in particular is told what to do.
  new RegExp(String.raw`(?<![\p{L}-])${DE_ABSENT}\s+(?:wirklich\s+|endlich\s+|halt\s+|einfach\s+)?${DE_MODAL}(?![\p{L}])`, 'iu'),
  // German: not ours.
  /(?<![\p{L}])nicht\s+(?:unser|unsere|mein|meine)\s+(?:job|aufgabe|problem|entscheidung|baustelle|bier|zuständigkeit|verantwortung)(?![\p{L}])/iu,
  /(?<![\p{L}])(?:liegt|ist)\s+nicht\s+(?:bei\s+uns|in\s+unserer\s+hand|an\s+uns)(?![\p{L}])/iu,
  /(?<![\p{L}])da\s+können\s+wir\s+nichts\s+machen(?![\p{L}])/iu,
  // German: waiting for permission.
  /(?<![\p{L}])(?:wir|ich)\s+(?:brauchen|brauche|benötigen|müssen\s+erst)\s+(?:eine\s+|die\s+|das\s+)?(?:freigabe|genehmigung|erlaubnis|okay|ok)(?![\p{L}])/iu,
  /(?<![\p{L}])(?:warten\s+auf|abwarten)\s+(?:eine\s+|die\s+|das\s+)?(?:freigabe|genehmigung|erlaubnis)(?![\p{L}])/iu,
  /(?<![\p{L}])(?:freigabe|genehmigung)\s+abwarten(?![\p{L}])/iu,
  /(?<![\p{L}])muss\s+(?:erst\s+)?genehmigt\s+werden(?![\p{L}])/iu,
];

/** True when `text` hands the work to someone absent or to nobody. */
export function handsItAway(text: string): boolean {
  return PATTERNS.some((pattern) => pattern.test(text));
}

/** The hint to show under an action being written, or null. */
export function responsibilityHint(text: string): string | null {
  if (!text.trim()) return null;
  return handsItAway(text) ? RESPONSIBILITY_HINT : null;
}
