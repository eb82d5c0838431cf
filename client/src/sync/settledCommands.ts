import type { BoardCommand } from './commandQueue.js';

/** How long an accepted command is remembered: far longer than a board-document update takes to follow its ack. */
export const SETTLE_MS = 5000;

/**
 * UI-20: the commands the server accepted in the last `SETTLE_MS`. A command's ack comes on the Socket.io
 * connection and its effect on the board on the board document's connection, so the ack can arrive first; a
 * control that showed the command at once (from the pending queue) keeps showing it from here until the board
 * does, instead of flicking back and closing what it had opened.
 */
export class SettledCommands {
  private recent: Array<{ command: BoardCommand; at: number }> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly changed: (settled: readonly BoardCommand[]) => void) {}

  add(command: BoardCommand): void {
    this.recent.push({ command, at: Date.now() });
    this.changed(this.all());
    this.schedule();
  }

  all(): readonly BoardCommand[] {
    return this.recent.map((entry) => entry.command);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer || this.recent.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const oldest = Date.now() - SETTLE_MS;
      this.recent = this.recent.filter((entry) => entry.at > oldest);
      this.changed(this.all());
      this.schedule();
    }, this.recent[0]!.at + SETTLE_MS - Date.now());
  }
}
