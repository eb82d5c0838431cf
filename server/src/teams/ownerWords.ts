import { type OwnerDone, type PublicBoardView, reviewHearing } from '@candor/shared';
import type { BoardRoom } from '../rooms/BoardRoom.js';
import type { RoomRegistry } from '../rooms/RoomRegistry.js';
import type { OwnerWordsPort } from '../rooms/roomPorts.js';
import type { BoardStore } from '../storage/BoardStore.js';
import type { Logger } from '../logger.js';

/** RE-13: the earlier retro a Review item's promise is of, and the action there (`ref` is `<board id>:<action id>`) */
function sourceOf(ref: string): { boardId: string; actionId: string } | null {
  const colon = ref.indexOf(':');
  return colon > 0 ? { boardId: ref.slice(0, colon), actionId: ref.slice(colon + 1) } : null;
}

/** RE-13: an owner's word on an action as its retro's public view gives it (by name and day, AC-3), null when none */
function wordIn(view: PublicBoardView, actionId: string): OwnerDone | null | undefined {
  const action = view.actions.find((a) => a.id === actionId);
  return action && (action.ownerDone ?? null);
}

/**
 * RE-13 RE-1: an owner's "Mark done" on a promise of a closed retro reaches the Review of every later retro of the team
 * that lists it and is not closed (teams make the next retro ahead, right after Close or the morning of, and its list
 * was read before the word). Two ways, so that nothing stored is lost between them ("nothing acknowledged is lost"):
 * - `passOn`: once the mark is stored (whatever route its command came by: the board's connection, the team page, the
 *   summary; CM-1's resend too), each later retro whose Review hears it (`reviewHearing`, read as stored) is loaded and
 *   told, live for whoever is in its Review; the others (most of a team's later retros are closed) are not loaded;
 * - `reconcile`: whenever a retro not closed is loaded (after a restart, on another process, once it was unloaded), its
 *   Review's words are read again from each source retro's public facts as stored (or from its live room here), so a
 *   push that never happened (a crash between the mark and it, a store that refused it) is made right then.
 * Both record through `BoardRoom.recordOwnerWords`: nothing when the list says so already; a named public fact in its
 * public log (AR-1), beside no anonymous state; a closed retro's Review is a record and hears nothing (RE-4).
 */
export class OwnerWords implements OwnerWordsPort {
  private registry: RoomRegistry | null = null;
  /** the pushes under way, so that the server's close waits for them rather than cutting them off */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: { store: BoardStore; logger: Logger }) {}

  /** the registry is made with this as a port of its rooms; it is given back once made (the composition root) */
  attach(registry: RoomRegistry): void {
    this.registry = registry;
  }

  passOn(room: BoardRoom, actionId: string): void {
    const push = this.pushToLaterRetros(room, actionId)
      .catch((err: unknown) => this.deps.logger.error({ err, board: room.id }, 'could not pass an owner’s word on to later retros'))
      .finally(() => this.pending.delete(push));
    this.pending.add(push);
  }

  async reconcile(room: BoardRoom): Promise<void> {
    const registry = this.registry;
    if (!registry || room.state.phase === 'closed' || room.state.review.length === 0) return;
    const words: { ref: string; ownerDone: OwnerDone | null }[] = [];
    const views = new Map<string, PublicBoardView | null>();
    for (const { ref } of room.state.review) {
      const source = sourceOf(ref);
      if (!source) continue;
      if (!views.has(source.boardId)) views.set(source.boardId, (await registry.readPublic(source.boardId))?.view ?? null);
      // a source retro deleted since (BD-2), or an action no longer there: the list keeps what it said
      const view = views.get(source.boardId);
      const ownerDone = view ? wordIn(view, source.actionId) : undefined;
      if (ownerDone !== undefined) words.push({ ref, ownerDone });
    }
    if (words.length > 0) await room.recordOwnerWords(() => words);
  }

  /** resolves once every push under way has ended (the server's close) */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async pushToLaterRetros(room: BoardRoom, actionId: string): Promise<void> {
    const registry = this.registry;
    const teamId = room.state.teamId;
    if (!registry || !teamId) return;
    const ref = `${room.id}:${actionId}`;
    const team = await this.deps.store.loadTeam(teamId);
    const made = team?.boards.find((b) => b.id === room.id)?.createdAt;
    if (!team || made === undefined) return;
    for (const board of team.boards) {
      if (board.id === room.id || board.createdAt < made) continue;
      // a retro closed since (most of a team's later retros), or whose Review does not list the promise, records nothing:
      // read as stored, it is not loaded as a room (each was, and each load read its Review's source retros again)
      const stored = await registry.readReview(board.id);
      if (!stored || !reviewHearing(stored, ref)) continue;
      // loading it reconciles it already (`reconcile`); telling it then records nothing
      const later = await registry.get(board.id);
      if (!later) continue;
      try {
        // read in its queue: of two words told at once, the last one said is the one kept
        await later.recordOwnerWords(() => {
          const ownerDone = wordIn(room.publicView(), actionId);
          return ownerDone === undefined ? [] : [{ ref, ownerDone }];
        });
      } catch (err) {
        this.deps.logger.error({ err, board: board.id, from: room.id }, 'could not bring an owner’s word to a later retro’s Review');
      } finally {
        registry.scheduleUnload(later);
      }
    }
  }
}
