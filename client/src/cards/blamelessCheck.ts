/** BL-1: the nudge's phrase and name checks, a part of their own: loaded with a person's first words, not with the board. */
export { blamelessHint } from '@candor/shared';
