/**
 * Tells when the read model has caught up with what was already published when the service
 * started: the offers whose events had left their outbox then, at the version they had. Until
 * then the service is not ready and computes no proposals (it would miss offers).
 */
export class ReplayProgress {
  private readonly waiting: Map<string, number>;
  private readonly waiters: Array<() => void> = [];

  constructor(targets: Iterable<readonly [string, number]>, versionOf: (id: string) => number | undefined) {
    this.waiting = new Map([...targets].filter(([id, version]) => (versionOf(id) ?? 0) < version));
  }

  /** Records the version the read model now holds for an offer. */
  observe(id: string, version: number | undefined): void {
    const target = this.waiting.get(id);
    if (target === undefined || (version ?? 0) < target) return;
    this.waiting.delete(id);
    if (this.waiting.size === 0) for (const resolve of this.waiters.splice(0)) resolve();
  }

  get remaining(): number {
    return this.waiting.size;
  }

  get caughtUp(): boolean {
    return this.waiting.size === 0;
  }

  whenCaughtUp(): Promise<void> {
    return this.caughtUp ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
