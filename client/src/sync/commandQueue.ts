import { nanoid } from 'nanoid';
import type { Command } from '@candor/shared';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A command as a component asks for it: everything but the id, which the queue assigns. */
export type BoardCommand = Exclude<Command, { type: 'join' }>;
export type CommandInput = DistributiveOmit<BoardCommand, 'id'>;

/**
 * Commands not yet acknowledged, oldest first, kept in memory and in localStorage. Each keeps the id it
 * was given when it was made, so resending after a reconnect (or a reload) is applied once by the server.
 */
export class CommandQueue {
  private items: BoardCommand[];
  private readonly storageKey: string;

  constructor(boardId: string) {
    this.storageKey = `candor:queue:${boardId}`;
    this.items = readStored(this.storageKey);
  }

  /** Adds a command with a fresh id and returns it. */
  add(input: CommandInput): BoardCommand {
    const command = { ...input, id: nanoid() } as BoardCommand;
    this.items = [...this.items, command];
    this.store((stored) => [...stored.filter((c) => c.id !== command.id), command]);
    return command;
  }

  /** Removes a command once acknowledged, whether the answer was yes or no: an error ack is final. */
  remove(id: string): void {
    const next = this.items.filter((c) => c.id !== id);
    if (next.length === this.items.length) return;
    this.items = next;
    this.store((stored) => stored.filter((c) => c.id !== id));
  }

  has(id: string): boolean {
    return this.items.some((c) => c.id === id);
  }

  /** A snapshot, oldest first; the array is replaced (never mutated) on change. */
  all(): readonly BoardCommand[] {
    return this.items;
  }

  /**
   * RC-8: every tab of the board keeps its unsent commands under this one key, so each change is made to what is
   * stored now, not written from this tab's list: written whole, another tab's command made offline was dropped, and
   * lost when that tab was reloaded or closed before the connection returned.
   */
  private store(change: (stored: BoardCommand[]) => BoardCommand[]): void {
    try {
      const next = change(readStored(this.storageKey));
      if (next.length) localStorage.setItem(this.storageKey, JSON.stringify(next));
      else localStorage.removeItem(this.storageKey);
    } catch {
      // Storage full or disabled: the queue still lives in memory for this page.
    }
  }
}

function readStored(key: string): BoardCommand[] {
  try {
    const raw = localStorage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter(isCommandLike) : [];
  } catch {
    return [];
  }
}

function isCommandLike(value: unknown): value is BoardCommand {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' && typeof (value as { type?: unknown }).type === 'string';
}
