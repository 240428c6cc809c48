/** What became of one request of a flush: its value, or the error that fails only its caller. */
export type Settlement<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

export const fulfilled = <R>(value: R): Settlement<R> => ({ ok: true, value });
export const failed = <R>(error: unknown): Settlement<R> => ({ ok: false, error });

export interface GroupWhileBusyOptions<T> {
  /** Most weight per flush, taking whole requests (a request heavier than it goes alone). */
  maxWeight?: number;
  weigh?: (request: T) => number;
}

interface Waiting<T, R> {
  readonly request: T;
  resolve(value: R): void;
  reject(error: unknown): void;
}

/**
 * Gathers the requests made while a flush is running and flushes them together as soon as it is
 * done: a single writer (FerretDB's one writer per database, an idempotent producer's one request
 * in flight) then pays one round trip for many callers, and no caller waits for a timer. Requests
 * made in the same turn of the event loop as the first one join its flush.
 *
 * `flush` answers one settlement per request, in order; if it throws, every request of that flush
 * fails with its error.
 */
export class GroupWhileBusy<T, R> {
  private waiting: Array<Waiting<T, R>> = [];
  private busy = false;
  private readonly maxWeight: number;
  private readonly weigh: (request: T) => number;

  constructor(
    private readonly flush: (requests: readonly T[]) => Promise<ReadonlyArray<Settlement<R>>>,
    { maxWeight = Number.POSITIVE_INFINITY, weigh = () => 1 }: GroupWhileBusyOptions<T> = {},
  ) {
    this.maxWeight = maxWeight;
    this.weigh = weigh;
  }

  run(request: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      if (!this.busy) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.busy = true;
    await Promise.resolve();
    try {
      while (this.waiting.length > 0) await this.flushGroup(this.take());
    } finally {
      this.busy = false;
    }
  }

  private take(): Array<Waiting<T, R>> {
    let weight = 0;
    let taken = 0;
    while (taken < this.waiting.length) {
      const next = this.weigh((this.waiting[taken] as Waiting<T, R>).request);
      if (taken > 0 && weight + next > this.maxWeight) break;
      weight += next;
      taken += 1;
    }
    return this.waiting.splice(0, taken);
  }

  private async flushGroup(group: ReadonlyArray<Waiting<T, R>>): Promise<void> {
    let settlements: ReadonlyArray<Settlement<R>>;
    try {
      settlements = await this.flush(group.map((waiting) => waiting.request));
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
      return;
    }
    group.forEach((waiting, index) => {
      const settlement = settlements[index];
      if (settlement === undefined) waiting.reject(new Error('requête sans réponse dans son lot'));
      else if (settlement.ok) waiting.resolve(settlement.value);
      else waiting.reject(settlement.error);
    });
  }
}
