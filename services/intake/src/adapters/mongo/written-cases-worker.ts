import type { Logger } from '@guichet/platform';

/** Work on case documents that may hold entries to move out (outbox events, audit entries). */
export interface CaseWork {
  /** Handles the given cases, each read by `_id`; returns how many entries it moved. */
  cases(ids: readonly string[]): Promise<number>;
  /** Looks through every case for leftovers (a crash between a write and its follow-up). */
  fullPass(): Promise<number>;
}

export interface WrittenCasesWorkerOptions {
  name: string;
  work: CaseWork;
  logger: Logger;
  /** Wait between rounds when nothing was written. */
  idleMs?: number;
  /** A full pass reads every case (FerretDB has no index for "has entries"), so it is rare. */
  fullPassEveryMs?: number;
  /** Cases handled per round. */
  batchSize?: number;
}

/**
 * Runs `work` on the cases written since the last round, as soon as they are written (`nudge`),
 * and on every case at start and now and then. Finding the written cases by id keeps each round
 * proportional to the writes, not to the size of the collection.
 */
export class WrittenCasesWorker {
  private readonly written = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private running = false;
  private lastFullPass = 0;

  constructor(private readonly options: WrittenCasesWorkerOptions) {}

  start(): void {
    this.running = true;
    this.schedule(0);
  }

  nudge(caseId: string): void {
    this.written.add(caseId);
    if (this.running && this.round === undefined) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.round;
  }

  private next(): Promise<number> {
    const { work, fullPassEveryMs = 60_000, batchSize = 200 } = this.options;
    if (this.written.size > 0) {
      const ids = [...this.written].slice(0, batchSize);
      for (const id of ids) this.written.delete(id);
      return work.cases(ids).catch((error: unknown) => {
        for (const id of ids) this.written.add(id);
        throw error;
      });
    }
    if (Date.now() - this.lastFullPass < fullPassEveryMs) return Promise.resolve(0);
    this.lastFullPass = Date.now();
    return work.fullPass();
  }

  private schedule(delayMs: number): void {
    const { idleMs = 250, logger, name } = this.options;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.round = this.next()
        .then((moved) => {
          this.round = undefined;
          if (this.running) this.schedule(moved > 0 || this.written.size > 0 ? 0 : idleMs);
        })
        .catch((error: unknown) => {
          this.round = undefined;
          logger.error({ err: error, worker: name }, 'tour en échec, nouvel essai');
          if (this.running) this.schedule(idleMs * 4);
        });
    }, delayMs);
  }
}
