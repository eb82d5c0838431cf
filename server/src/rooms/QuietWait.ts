/**
 * Work a room does in the quiet between its people's changes (RV-7's card entries, RV-11's reveal made ready): `run`
 * is called once the room has had no activity (`lastActivity`, on `performance.now()`'s clock) for `quietMs` and
 * nothing `busy` says is under way; until then it is asked again, at the earliest moment the quiet could be long
 * enough. With `atMostMs`, it runs anyway once it has waited that long. One wait at a time: `start` replaces a wait
 * under way.
 */
export class QuietWait {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: { quietMs: number; lastActivity: () => number; busy?: () => boolean; atMostMs?: number }) {}

  get waiting(): boolean {
    return this.timer !== undefined;
  }

  start(run: () => void): void {
    clearTimeout(this.timer);
    const { quietMs, lastActivity, busy, atMostMs } = this.options;
    const started = performance.now();
    const check = () => {
      const now = performance.now();
      const quietFor = now - lastActivity();
      const waitedEnough = atMostMs !== undefined && now - started >= atMostMs;
      if (!waitedEnough && (quietFor < quietMs || busy?.() === true)) {
        // (quiet long enough but busy: asked again a whole quiet time later)
        this.timer = setTimeout(check, quietFor < quietMs ? quietMs - quietFor : quietMs);
        return;
      }
      this.timer = undefined;
      run();
    };
    this.timer = setTimeout(check, quietMs);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
