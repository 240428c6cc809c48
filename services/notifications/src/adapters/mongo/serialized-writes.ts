import type { mongo } from 'mongoose';
import { DocumentLocks } from '@guichet/platform';

const WRITES = new Set(['insertOne', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'bulkWrite', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace']);

/**
 * The database with every write of this process taken one at a time. The MongoDB-wire server of
 * the local stack (FerretDB 1.24 on SQLite) reads a document outside the transaction that writes
 * it back, and allows one writer per database: concurrent updates of one document lose changes,
 * and concurrent writers fail with SQLITE_BUSY. One writer at a time keeps every single-document
 * update atomic, as the design requires (architecture §5); reads stay concurrent. A real MongoDB
 * needs none of this and loses nothing by it but some parallelism.
 */
export function serializeWrites(db: mongo.Db, lock = new DocumentLocks()): mongo.Db {
  const collections = new Map<string, mongo.Collection>();
  const wrap = (collection: mongo.Collection): mongo.Collection =>
    new Proxy(collection, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        const method = (value as (...args: unknown[]) => unknown).bind(target);
        if (typeof property === 'string' && WRITES.has(property)) return (...args: unknown[]) => lock.run('writes', () => Promise.resolve(method(...args)));
        return method;
      },
    });
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'collection') {
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      return (name: string) => {
        let collection = collections.get(name);
        if (!collection) {
          collection = wrap(target.collection(name));
          collections.set(name, collection);
        }
        return collection;
      };
    },
  });
}
