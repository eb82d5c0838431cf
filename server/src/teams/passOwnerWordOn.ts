import type { BoardRoom } from '../rooms/BoardRoom.js';
import type { RoomRegistry } from '../rooms/RoomRegistry.js';
import type { BoardStore } from '../storage/BoardStore.js';
import type { Logger } from '../logger.js';

/**
 * RE-13 RE-1: after an owner marked a promise of the closed retro `room` done (or took that back), every later retro of
 * its team that reviews it and is not closed hears of it (`BoardRoom.recordOwnerWord`): a retro made ahead, right after
 * Close or the morning of, read its Review list before the owner's word. A retro made after the word reads it with
 * the list (`reviewSeeds`), and hearing it again records nothing. Its name and day as the public view gives them, by
 * name, as the list names owners (AR-1). A later retro that cannot be told is logged; the mark itself stands.
 */
export async function passOwnerWordOn(deps: { store: BoardStore; registry: RoomRegistry; logger: Logger }, room: BoardRoom, actionId: string): Promise<void> {
  const teamId = room.state.teamId;
  if (!teamId) return;
  const ref = `${room.id}:${actionId}`;
  const ownerDone = room.publicView().actions.find((a) => a.id === actionId)?.ownerDone ?? null;
  const team = await deps.store.loadTeam(teamId);
  const made = team?.boards.find((b) => b.id === room.id)?.createdAt;
  if (!team || made === undefined) return;
  for (const board of team.boards) {
    if (board.id === room.id || board.createdAt < made) continue;
    const later = await deps.registry.get(board.id);
    if (!later) continue;
    try {
      await later.recordOwnerWord(ref, ownerDone);
    } catch (err) {
      deps.logger.error({ err, board: board.id, from: room.id }, 'could not bring an owner’s word to a later retro’s Review');
    } finally {
      deps.registry.scheduleUnload(later);
    }
  }
}
