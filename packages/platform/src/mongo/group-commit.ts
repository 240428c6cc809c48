import type { mongo } from 'mongoose';

/** What group commit needs of a collection; the driver's collections have it. */
export interface InsertManyTarget<T> {
  insertMany(documents: T[], options: { ordered: false }): Promise<unknown>;
}

/** What became of one document: written now, or refused because its `_id` was already taken. */
export type InsertOutcome = 'inserted' | 'duplicate';

export interface GroupCommitOptions {
  /** Documents per insertMany; a caller's documents beyond it go in the following ones. */
  maxBatch?: number;
}

interface Waiting<T> {
  documents: readonly T[];
  resolve(outcomes: InsertOutcome[]): void;
  reject(error: unknown): void;
}

interface WriteErrorLike {
  index: number;
  code?: unknown;
  errmsg?: unknown;
}

const DUPLICATE_KEY = 11000;

/** The per-document errors of a failed insertMany, or undefined when the failure was not per document. */
function writeErrorsOf(error: unknown, size: number): WriteErrorLike[] | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const { writeErrors, code } = error as { writeErrors?: unknown; code?: unknown };
  // The driver gives one WriteError or an array of them, each with its index in the batch.
  if (Array.isArray(writeErrors)) return writeErrors as WriteErrorLike[];
  if (writeErrors !== null && typeof writeErrors === 'object') return [writeErrors as WriteErrorLike];
  if (code === DUPLICATE_KEY && size === 1) return [{ index: 0, code }];
  return undefined;
}

/**
 * Inserts into one collection by group commit: the documents whose insert is asked while a batch
 * is being written are gathered and written together, in one unordered insertMany, as soon as
 * that batch is done. A single writer per database (FerretDB on SQLite) spends about as much on
 * one insertOne as on an insertMany of a hundred documents, so concurrent callers share the cost
 * instead of queueing behind each other; no caller waits for a timer.
 *
 * Each caller learns the fate of its own documents: `inserted`, or `duplicate` when the `_id` was
 * taken (before, or by another caller of the same batch: the first one wins). A document refused
 * for another reason fails only its caller's promise; the other documents of the batch stand.
 */
export class GroupCommit<T extends mongo.Document> {
  private waiting: Array<Waiting<T>> = [];
  private writing = false;
  private readonly maxBatch: number;

  constructor(
    private readonly collection: InsertManyTarget<T>,
    { maxBatch = 1000 }: GroupCommitOptions = {},
  ) {
    this.maxBatch = maxBatch;
  }

  async insertOne(document: T): Promise<InsertOutcome> {
    const [outcome] = await this.insertMany([document]);
    return outcome ?? 'inserted';
  }

  insertMany(documents: readonly T[]): Promise<InsertOutcome[]> {
    if (documents.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.waiting.push({ documents, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    // Callers of the same turn of the event loop join the first batch too.
    await Promise.resolve();
    try {
      while (this.waiting.length > 0) await this.write(this.take());
    } finally {
      this.writing = false;
    }
  }

  /** Whole callers, up to `maxBatch` documents (at least one caller, whatever its size). */
  private take(): Array<Waiting<T>> {
    let count = 0;
    let taken = 0;
    while (taken < this.waiting.length) {
      const size = (this.waiting[taken] as Waiting<T>).documents.length;
      if (taken > 0 && count + size > this.maxBatch) break;
      count += size;
      taken += 1;
    }
    return this.waiting.splice(0, taken);
  }

  private async write(callers: ReadonlyArray<Waiting<T>>): Promise<void> {
    const documents = callers.flatMap((caller) => caller.documents);
    const outcomes: InsertOutcome[] = new Array<InsertOutcome>(documents.length).fill('inserted');
    const failures = new Map<number, unknown>();
    for (let start = 0; start < documents.length; start += this.maxBatch) {
      const chunk = documents.slice(start, start + this.maxBatch);
      try {
        await this.collection.insertMany(chunk, { ordered: false });
      } catch (error) {
        const perDocument = writeErrorsOf(error, chunk.length);
        if (!perDocument) {
          chunk.forEach((_, index) => failures.set(start + index, error));
          continue;
        }
        for (const writeError of perDocument) {
          if (writeError.code === DUPLICATE_KEY) outcomes[start + writeError.index] = 'duplicate';
          else failures.set(start + writeError.index, new Error(`insertion refusée : ${String(writeError.errmsg ?? writeError.code)}`));
        }
      }
    }
    let offset = 0;
    for (const caller of callers) {
      const range = Array.from({ length: caller.documents.length }, (_, index) => offset + index);
      offset += caller.documents.length;
      const failed = range.find((index) => failures.has(index));
      if (failed === undefined) caller.resolve(range.map((index) => outcomes[index] as InsertOutcome));
      else caller.reject(failures.get(failed));
    }
  }
}
