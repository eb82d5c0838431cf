/**
 * Card texts of realistic length (8–40 words), deterministic for a seed so that Candor and the stock
 * server get exactly the same cards.
 */
const WORDS = (
  'deploy review pairing blocked tests flaky pipeline release customer incident pager alert meeting focus ' +
  'onboarding docs unclear ownership handover backlog estimate scope sprint demo feedback stuck help know ' +
  'why how we should could maybe again never always often team users support latency database migration ' +
  'rollback config feature flag staging production monitoring dashboard retro action owner friday monday ' +
  'the a to of and in on for with not more less too'
).split(' ');
const COLUMNS = ['start', 'stop', 'continue'];

/** mulberry32: a tiny seeded PRNG */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CardSpec {
  columnId: string;
  text: string;
}

export function makeCards(count: number, seed = 1): CardSpec[] {
  const random = rng(seed);
  const cards: CardSpec[] = [];
  for (let i = 0; i < count; i++) {
    const words = 8 + Math.floor(random() * 33);
    const text = Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
    cards.push({ columnId: COLUMNS[i % COLUMNS.length]!, text: `${text} #${i}` });
  }
  return cards;
}
