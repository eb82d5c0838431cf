export interface Column {
  id: string;
  title: string;
  prompt: string;
}

export interface Template {
  id: string;
  name: string;
  description: string;
  columns: Column[];
}

/** The prompts invite admitting uncertainty and offering help; none of them asks "who". */
export const TEMPLATES: Template[] = [
  {
    id: 'dont-know',
    name: "I don't know / I'm stuck",
    description: 'Make it normal to say what you do not know yet, and to ask for help early.',
    columns: [
      { id: 'dont-know', title: "I don't know…", prompt: 'A question you could not answer, or a thing you were unsure of and kept quiet about.' },
      { id: 'stuck', title: "I'm stuck on…", prompt: 'Where did work stall? Name the blocker, not the person.' },
      { id: 'need-help', title: 'I need help with…', prompt: 'Something that would go faster or better with someone beside you.' },
      { id: 'learned', title: 'Something I learned', prompt: 'A thing that surprised you, or that you now understand better.' },
    ],
  },
  {
    id: 'responsibility',
    name: 'Authority → Responsibility',
    description: 'Turn "not my job" into "what is right, and how can I help?".',
    columns: [
      { id: 'not-my-job', title: 'Not my job, not my problem', prompt: 'What did we leave to someone else, hoping it would sort itself out?' },
      { id: 'right-thing', title: 'What is the right thing to do?', prompt: 'Forget whose job it is for a moment: what would actually help the team?' },
      { id: 'how-help', title: 'How can I help?', prompt: 'A concrete thing you could offer, however small.' },
    ],
  },
  {
    id: 'start-stop-continue',
    name: 'Start / Stop / Continue',
    description: 'The classic: what to begin, what to drop, what to keep.',
    columns: [
      { id: 'start', title: 'Start', prompt: 'What should we begin doing?' },
      { id: 'stop', title: 'Stop', prompt: 'What is not serving us any more?' },
      { id: 'continue', title: 'Continue', prompt: 'What works and deserves to stay?' },
    ],
  },
  {
    // GP-3: the everyday format most tools open on ("what went well / what didn't"), with a small experiment in place
    // of an action column: actions have a phase of their own here (Act), and start small (SS)
    id: 'went-well',
    name: 'Went well / To improve',
    description: 'The everyday retro: what worked, what could go better, and one small thing to try.',
    columns: [
      { id: 'went-well', title: 'What went well', prompt: 'Something that worked. What made it work, so we can do it again?' },
      { id: 'to-improve', title: 'What could go better', prompt: 'Where was the work harder than it needed to be? Describe the situation, not a person.' },
      { id: 'to-try', title: 'One thing to try', prompt: 'A small experiment we could start before the next retro.' },
    ],
  },
  {
    id: 'post-mortem',
    name: 'Blameless post-mortem',
    description: 'After an incident: how did our system allow this, never who did it.',
    columns: [
      { id: 'timeline', title: 'Timeline — what happened, in order', prompt: 'One fact per card, with a time if you have it. Facts, not judgements.' },
      { id: 'system-allowed', title: 'How did our system allow this?', prompt: 'Which process, tool or assumption let this happen? Look for the gap, not the person.' },
      { id: 'will-change', title: 'What we will change', prompt: 'A change to the system that makes this less likely or less harmful.' },
      { id: 'thanks', title: 'Thanks to…', prompt: 'Who helped, noticed early, or stayed late? Say thank you.' },
    ],
  },
  {
    id: 'regaining-trust',
    name: 'Regaining trust',
    description: 'When something broke between us: find the disconnect, fix it now, repair it over time.',
    columns: [
      { id: 'disconnect', title: 'Where did we disconnect?', prompt: 'Where did expectations, information or context stop matching?' },
      { id: 'fix-now', title: 'What we fix right now', prompt: 'The immediate problem, and the smallest step that solves it.' },
      { id: 'repair', title: 'How we repair over time', prompt: 'Habits and promises that rebuild confidence, kept one at a time.' },
    ],
  },
  {
    id: 'mad-sad-glad',
    name: 'Mad / Sad / Glad',
    description: 'Name how the sprint felt, so the feelings can be talked about instead of around.',
    columns: [
      { id: 'mad', title: 'Mad', prompt: 'What frustrated you? Describe the situation, not a person.' },
      { id: 'sad', title: 'Sad', prompt: 'What disappointed you or let you down?' },
      { id: 'glad', title: 'Glad', prompt: 'What made you happy or proud?' },
    ],
  },
  {
    id: '4ls',
    name: '4Ls',
    description: 'Liked, Learned, Lacked, Longed for.',
    columns: [
      { id: 'liked', title: 'Liked', prompt: 'What did you enjoy?' },
      { id: 'learned', title: 'Learned', prompt: 'What do you know now that you did not before?' },
      { id: 'lacked', title: 'Lacked', prompt: 'What was missing: information, time, help?' },
      { id: 'longed-for', title: 'Longed for', prompt: 'What do you wish we had?' },
    ],
  },
];

export function findTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/**
 * TM-9 (SM-3): the template id a team retro is created with to start on the team's own columns, the ones its last retro
 * ended with; the server finds them (`teamColumnsOffer`), the request only asks for them.
 */
export const TEAM_COLUMNS = 'team-columns';

/** TM-9: the team's own columns, as its last retro ended with them, offered for the next one. */
export interface TeamColumnsOffer {
  /** the retro they come from */
  fromRetro: string;
  /** the template that retro was started from, which the new one keeps (TM-8) */
  templateId: string;
  columns: Column[];
}

/**
 * TM-9 (SM-3): the columns a team's last retro ended with, when the facilitator changed them from its template's
 * (renamed, added, removed or moved one): the next retro starts on them, still one click from a stock template.
 * Null when there is no retro yet, or the last kept its template's columns as they are (TM-8 offers that template).
 */
export function teamColumnsOffer(retros: readonly { name: string; templateId: string; columns?: readonly Column[] }[]): TeamColumnsOffer | null {
  const last = retros.at(-1);
  if (!last?.columns || last.columns.length === 0) return null;
  const stock = findTemplate(last.templateId)?.columns ?? [];
  const same = stock.length === last.columns.length && stock.every((c, i) => c.id === last.columns![i]!.id && c.title === last.columns![i]!.title);
  if (same) return null;
  return { fromRetro: last.name, templateId: last.templateId, columns: last.columns.map((c) => ({ id: c.id, title: c.title, prompt: c.prompt })) };
}
