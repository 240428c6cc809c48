import { retryBusyWrites, type GroupCommit, type MongoHandle } from '@guichet/platform';
import type * as mongo from 'mongodb';

/** Inserts, leaving documents whose id is taken as they are; returns the ids inserted now. */
export async function insertNew<T extends mongo.Document & { _id: string }>(inserts: GroupCommit<T>, documents: readonly T[]): Promise<Set<string>> {
  const outcomes = await inserts.insertMany(documents);
  return new Set(documents.filter((_, index) => outcomes[index] === 'inserted').map((doc) => doc._id));
}

/**
 * The service's database, every write of its collections retried while the MongoDB-wire server
 * reports its storage busy (FerretDB on SQLite has one writer per database; several instances
 * and concurrent writers wait their turn there, not in this process).
 */
export function database(mongo: MongoHandle): mongo.Db {
  const db = mongo.db;
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'collection') return (name: string) => retryBusyWrites(target.collection(name));
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Indexes every query of the service relies on; created at start (autoIndex is off). */
export async function ensureIndexes(db: mongo.Db): Promise<void> {
  await Promise.all([
    db.collection('deliveries').createIndex({ subscriptionId: 1, createdAt: 1 }),
    db.collection('delivery_attempts').createIndex({ deliveryId: 1 }),
    db.collection('delivery_claims').createIndex({ at: 1 }),
    db.collection('stakeholder_events').createIndex({ stakeholder: 1, time: 1 }),
    db.collection('stakeholder_events').createIndex({ requestId: 1 }),
    db.collection('subscriptions').createIndex({ clientId: 1 }),
    db.collection('zoning_periods').createIndex({ communeCode: 1 }),
    db.collection('subscriptions').createIndex({ stakeholder: 1 }),
    db.collection('dead_letters').createIndex({ subscriptionId: 1, parkedAt: 1 }),
    db.collection('replays').createIndex({ status: 1 }),
    db.collection('emails').createIndex({ status: 1, nextAttemptAt: 1 }),
    db.collection('emails').createIndex({ requestId: 1 }),
  ]);
}
