/**
 * A small built-in list for `:name` suggestions while writing a card: emoji only (no GIFs, nothing from elsewhere).
 * Names are English short codes, as people type them in chat tools.
 */
export const EMOJI: readonly (readonly [name: string, emoji: string])[] = [
  ['smile', '😄'], ['slight_smile', '🙂'], ['grin', '😁'], ['joy', '😂'], ['wink', '😉'], ['blush', '😊'],
  ['thinking', '🤔'], ['confused', '😕'], ['neutral', '😐'], ['worried', '😟'], ['sweat_smile', '😅'],
  ['cry', '😢'], ['sob', '😭'], ['angry', '😠'], ['rage', '😡'], ['tired', '😫'], ['sleepy', '😪'],
  ['scream', '😱'], ['exploding_head', '🤯'], ['shrug', '🤷'], ['facepalm', '🤦'], ['raised_hands', '🙌'],
  ['clap', '👏'], ['thumbsup', '👍'], ['thumbsdown', '👎'], ['wave', '👋'], ['pray', '🙏'], ['muscle', '💪'],
  ['heart', '❤️'], ['star', '⭐'], ['sparkles', '✨'], ['fire', '🔥'], ['tada', '🎉'], ['rocket', '🚀'],
  ['bulb', '💡'], ['warning', '⚠️'], ['bug', '🐛'], ['construction', '🚧'], ['lock', '🔒'], ['key', '🔑'],
  ['hourglass', '⏳'], ['clock', '🕒'], ['calendar', '📅'], ['chart', '📈'], ['books', '📚'], ['memo', '📝'],
  ['question', '❓'], ['exclamation', '❗'], ['check', '✅'], ['x', '❌'], ['stop', '🛑'], ['snail', '🐌'],
  ['coffee', '☕'], ['sun', '☀️'], ['cloud', '☁️'], ['rain', '🌧️'], ['rainbow', '🌈'], ['seedling', '🌱'],
  ['handshake', '🤝'], ['eyes', '👀'], ['speech', '💬'], ['mute', '🔇'], ['ok', '🆗'], ['100', '💯'],
];

const MAX_SUGGESTIONS = 6;

/** Names starting with the query first, then names containing it. */
export function suggestEmoji(query: string): (readonly [string, string])[] {
  const starts = EMOJI.filter(([name]) => name.startsWith(query));
  const contains = EMOJI.filter(([name]) => !name.startsWith(query) && name.includes(query));
  return [...starts, ...contains].slice(0, MAX_SUGGESTIONS);
}
