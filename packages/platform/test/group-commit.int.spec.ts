import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { mongo } from 'mongoose';
import { GroupCommit, type MongoHandle } from '../src/index.js';
import { testMongo, unique } from './support.js';

interface Marker {
  _id: string;
  n: number;
}

let handle: MongoHandle;
let collection: mongo.Collection<Marker>;
let insertCalls = 0;

beforeAll(async () => {
  handle = await testMongo();
  const db = handle.connection.db;
  if (!db) throw new Error('connexion MongoDB non ouverte');
  collection = db.collection<Marker>(unique('group_commit_'));
  // insertMany of the driver, counted: how many round trips the grouped inserts cost.
  const insertMany = collection.insertMany.bind(collection);
  collection.insertMany = ((documents: Marker[], options?: mongo.BulkWriteOptions) => {
    insertCalls += 1;
    return insertMany(documents, options);
  }) as typeof collection.insertMany;
});

afterAll(async () => {
  await collection?.drop().catch(() => undefined);
  await handle?.close();
});

describe('group commit on the MongoDB-wire server', () => {
  it('stores every document of 200 concurrent callers in a few insertMany, duplicates reported to their caller', async () => {
    const inserts = new GroupCommit<Marker>(collection);
    await inserts.insertOne({ _id: 'already', n: -1 });
    insertCalls = 0;

    const outcomes = await Promise.all([
      ...Array.from({ length: 200 }, (_, n) => inserts.insertOne({ _id: `m${n}`, n })),
      inserts.insertMany([{ _id: 'already', n: 0 }, { _id: 'fresh', n: 0 }]),
      inserts.insertOne({ _id: 'm7', n: 1000 }),
    ]);

    expect(outcomes.slice(0, 200).every((o) => o === 'inserted')).toBe(true);
    expect(outcomes[200]).toEqual(['duplicate', 'inserted']);
    expect(outcomes[201]).toBe('duplicate');
    expect(insertCalls).toBeLessThan(10);
    expect(await collection.countDocuments({})).toBe(202);
    expect(await collection.findOne({ _id: 'm7' })).toEqual({ _id: 'm7', n: 7 });
    expect(await collection.findOne({ _id: 'already' })).toEqual({ _id: 'already', n: -1 });
  });

  it('keeps the callers apart across batches written one after the other', async () => {
    const inserts = new GroupCommit<Marker>(collection, { maxBatch: 50 });
    const waves = await Promise.all(Array.from({ length: 5 }, (_, wave) => inserts.insertMany(Array.from({ length: 40 }, (_, i) => ({ _id: `w${wave}-${i}`, n: i })))));
    expect(waves.flat().every((o) => o === 'inserted')).toBe(true);
    expect(await inserts.insertMany([{ _id: 'w4-39', n: 0 }])).toEqual(['duplicate']);
  });
});
