/**
 * RX-*: the small fixed set of reactions people can put on an item while discussing it. Sent as names,
 * never as emoji, so no Unicode variant can make a reaction of its own; the client draws the emoji.
 */
export const REACTIONS = ['agree', 'love', 'celebrate', 'thinking', 'surprised'] as const;
export type Reaction = (typeof REACTIONS)[number];

export const REACTION_EMOJI: Record<Reaction, string> = {
  agree: '👍',
  love: '❤️',
  celebrate: '🎉',
  thinking: '🤔',
  surprised: '😮',
};
