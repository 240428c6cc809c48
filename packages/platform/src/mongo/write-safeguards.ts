import type * as mongo from 'mongodb';

/**
 * One queue of writes per document id, for every service whose documents are written by
 * several paths at once (a request and the outbox relay, say). FerretDB 1.24 applies an update as "read the document,
 * change it, write it back" with no isolation between two updates of the same document: one of
 * them is lost, and a conditional update on `version` can match twice (measured on the local
 * stack: 100 concurrent `$inc` on one document left the counter at 1; 17 of 50 conditional
 * updates racing a `$pullAll` were lost). MongoDB itself needs none of this. It protects one
 * process: several instances writing one FerretDB database would still race.
 */
export class DocumentLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

const WRITES: ReadonlySet<string> = new Set(['updateOne', 'replaceOne', 'findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete', 'deleteOne']);
const ALL_WRITES: ReadonlySet<string> = new Set([...WRITES, 'insertOne', 'insertMany', 'updateMany', 'deleteMany', 'bulkWrite']);

/** FerretDB on SQLite answers "database is locked" when another write holds the file; nothing was written. */
const isBusy = (error: unknown): boolean => error instanceof Error && error.message.includes('SQLITE_BUSY');
const BUSY_RETRIES = [10, 25, 50, 100, 200, 400];

export async function retryWhenBusy<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      const wait = BUSY_RETRIES[attempt];
      if (!isBusy(error) || wait === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Every write of the collection retried while the MongoDB-wire server reports its storage busy. */
export function retryBusyWrites<T extends mongo.Document>(collection: mongo.Collection<T>): mongo.Collection<T> {
  return new Proxy(collection, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (typeof property !== 'string' || !ALL_WRITES.has(property)) return value.bind(target);
      return (...args: unknown[]) => retryWhenBusy(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
}

function keyOf(filter: unknown): string {
  const id = filter !== null && typeof filter === 'object' ? (filter as { _id?: unknown })._id : undefined;
  return typeof id === 'string' ? id : '*';
}

/** The collection, with every single-document write queued behind the earlier writes of that document. */
export function serializeWrites<T extends mongo.Document>(collection: mongo.Collection<T>, locks: DocumentLocks): mongo.Collection<T> {
  return new Proxy(collection, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (typeof property !== 'string' || !WRITES.has(property)) return value.bind(target);
      return (...args: unknown[]) => locks.run(keyOf(args[0]), () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
}
