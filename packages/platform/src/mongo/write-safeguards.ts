import type * as mongo from 'mongodb';

const ALL_WRITES: ReadonlySet<string> = new Set(['updateOne', 'replaceOne', 'findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete', 'deleteOne', 'insertOne', 'insertMany', 'updateMany', 'deleteMany', 'bulkWrite']);

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
