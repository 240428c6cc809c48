import type * as mongo from 'mongodb';
import { DUPLICATE_KEY } from './duplicate-key.js';
import { failed, fulfilled, GroupWhileBusy, type Settlement } from '../batching/group-while-busy.js';

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

interface WriteErrorLike {
  index: number;
  code?: unknown;
  errmsg?: unknown;
}

/**
 * The per-document errors of a failed insertMany, or undefined when the failure was not per
 * document. The driver reports a request that failed as a whole (server unreachable, connection
 * lost) with the same bulk error and an empty list: nothing is then known to be written. Found in
 * a fault run, where such a failure had been read as "every document inserted" and a draft
 * answered 201 was never stored.
 */
function writeErrorsOf(error: unknown, size: number): WriteErrorLike[] | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const { writeErrors, code, insertedCount } = error as { writeErrors?: unknown; code?: unknown; insertedCount?: unknown };
  // The driver gives one WriteError or an array of them, each with its index in the batch.
  const listed = Array.isArray(writeErrors) ? (writeErrors as WriteErrorLike[]) : writeErrors !== null && typeof writeErrors === 'object' ? [writeErrors as WriteErrorLike] : [];
  // Every document accounted for: written, or refused with its own error.
  const accounted = typeof insertedCount !== 'number' || insertedCount + listed.length === size;
  if (listed.length > 0 && accounted) return listed;
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
  private readonly batches: GroupWhileBusy<readonly T[], InsertOutcome[]>;

  constructor(
    private readonly collection: InsertManyTarget<T>,
    { maxBatch = 1000 }: GroupCommitOptions = {},
  ) {
    this.batches = new GroupWhileBusy((callers) => this.write(callers, maxBatch), { maxWeight: maxBatch, weigh: (documents) => documents.length });
  }

  async insertOne(document: T): Promise<InsertOutcome> {
    const [outcome] = await this.insertMany([document]);
    return outcome ?? 'inserted';
  }

  insertMany(documents: readonly T[]): Promise<InsertOutcome[]> {
    if (documents.length === 0) return Promise.resolve([]);
    return this.batches.run(documents);
  }

  private async write(callers: ReadonlyArray<readonly T[]>, maxBatch: number): Promise<Array<Settlement<InsertOutcome[]>>> {
    const documents = callers.flat();
    const outcomes: InsertOutcome[] = new Array<InsertOutcome>(documents.length).fill('inserted');
    const failures = new Map<number, unknown>();
    for (let start = 0; start < documents.length; start += maxBatch) {
      const chunk = documents.slice(start, start + maxBatch);
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
    return callers.map((caller) => {
      const range = Array.from({ length: caller.length }, (_, index) => offset + index);
      offset += caller.length;
      const refused = range.find((index) => failures.has(index));
      return refused === undefined ? fulfilled(range.map((index) => outcomes[index] as InsertOutcome)) : failed(failures.get(refused));
    });
  }
}
