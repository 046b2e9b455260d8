/**
 * Readers waiting for a projection to reach a log position (read-your-writes). The runner
 * reports each position it reaches; a waiter resolves true then, or false when its time is up.
 */
export class PositionWaiters {
  private waiters: { position: number; resolve: (reached: boolean) => void }[] = [];

  constructor(private readonly reachedPosition: () => number) {}

  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.reachedPosition() >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { position, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(this.reachedPosition() >= position);
      }, timeoutMs).unref();
    });
  }

  /** Resolves every waiter whose position has been reached. */
  release(): void {
    if (this.waiters.length === 0) return;
    const reached = this.reachedPosition();
    const ready = this.waiters.filter((w) => w.position <= reached);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > reached);
    for (const waiter of ready) waiter.resolve(true);
  }

  /** On stop: nobody waits for a projection that no longer moves. */
  releaseAll(): void {
    const all = this.waiters;
    this.waiters = [];
    for (const waiter of all) waiter.resolve(this.reachedPosition() >= waiter.position);
  }
}
