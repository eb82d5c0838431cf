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
];

export function findTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
