import type { Logger, OutboxEntry } from '@guichet/platform';
import type { SealedAudit } from './audit-sealing.js';

/** A committed write of a case, with the entries it added to the case's document. */
export interface WrittenCase {
  id: string;
  outbox: OutboxEntry[];
  audit: SealedAudit[];
}

/** What follows the writes of cases: the entries they added, taken from memory, not read back. */
export interface CaseWork {
  /** Follows up the given writes; returns how many entries it handled. */
  cases(written: readonly WrittenCase[]): Promise<number>;
  /** What an earlier run left in the cases (a crash between a write and its follow-up), a batch at a time; 0 once none is left. */
  leftovers(): Promise<number>;
}

export interface WrittenCasesWorkerOptions {
  name: string;
  work: CaseWork;
  logger: Logger;
  /** Wait between rounds when nothing was written. */
  idleMs?: number;
  /** Cases handled per round. */
  batchSize?: number;
}

/**
 * Runs `work` on what an earlier run left behind, then on the cases written since the last round,
 * as soon as they are written (`nudge`). A failed round puts its writes back, ahead
 * of later writes of the same case, so each case's events keep their order.
 */
export class WrittenCasesWorker {
  private readonly written = new Map<string, WrittenCase>();
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private running = false;
  private recovered = false;

  constructor(private readonly options: WrittenCasesWorkerOptions) {}

  start(): void {
    this.running = true;
    this.schedule(0);
  }

  nudge(written: WrittenCase): void {
    this.add(written, 'after');
    if (this.running && this.round === undefined) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.round;
  }

  private add(written: WrittenCase, where: 'before' | 'after'): void {
    const held = this.written.get(written.id);
    if (held === undefined) {
      this.written.set(written.id, written);
      return;
    }
    const [first, second] = where === 'after' ? [held, written] : [written, held];
    this.written.set(written.id, { id: written.id, outbox: [...first.outbox, ...second.outbox], audit: [...first.audit, ...second.audit] });
  }

  private next(): Promise<number> {
    const { work, batchSize = 200 } = this.options;
    // Leftovers first: a case's older events go out before those of its newer writes.
    if (!this.recovered) {
      return work.leftovers().then((handled) => {
        this.recovered = handled === 0;
        return handled;
      });
    }
    if (this.written.size === 0) return Promise.resolve(0);
    const batch = [...this.written.values()].slice(0, batchSize);
    for (const written of batch) this.written.delete(written.id);
    return work.cases(batch).catch((error: unknown) => {
      for (const written of batch) this.add(written, 'before');
      throw error;
    });
  }

  private schedule(delayMs: number): void {
    const { idleMs = 250, logger, name } = this.options;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.round = this.next()
        .then((handled) => {
          this.round = undefined;
          if (this.running) this.schedule(handled > 0 || this.written.size > 0 ? 0 : idleMs);
        })
        .catch((error: unknown) => {
          this.round = undefined;
          logger.error({ err: error, worker: name }, 'tour en échec, nouvel essai');
          if (this.running) this.schedule(idleMs * 4);
        });
    }, delayMs);
  }
}
