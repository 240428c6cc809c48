import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { MongoClient } from 'mongodb';
import type * as mongo from 'mongodb';
import { GroupCommit, type MongoHandle } from '../src/index.js';
import { stackEnv, testMongo, unique } from './support.js';

interface Marker {
  _id: string;
  n: number;
}

let handle: MongoHandle;
let collection: mongo.Collection<Marker>;
let insertCalls = 0;

beforeAll(async () => {
  handle = await testMongo();
  const db = handle.db;
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

  it('fails its callers when the connection to the server is lost, instead of reporting the documents inserted', async () => {
    // A connected client whose server then goes away: the driver reports the lost insertMany with
    // the bulk error of per-document failures, and an empty list of them.
    const server = new URL(stackEnv().mongoUri.replace(/^mongodb:/, 'http:'));
    const sockets = new Set<Socket>();
    const relay = createServer((client) => {
      const upstream = connect(Number(server.port || 27017), server.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const { port } = relay.address() as AddressInfo;
    const client = new MongoClient(`mongodb://127.0.0.1:${port}/?directConnection=true`, { serverSelectionTimeoutMS: 1000 });
    try {
      const markers = client.db('guichet_platform_test').collection<Marker>(collection.collectionName);
      const inserts = new GroupCommit<Marker>(markers);
      expect(await inserts.insertOne({ _id: 'before-cut', n: 1 })).toBe('inserted');
      relay.close();
      for (const socket of sockets) socket.destroy();
      const outcomes = await Promise.allSettled([inserts.insertOne({ _id: 'after-cut', n: 2 }), inserts.insertMany([{ _id: 'after-cut-2', n: 3 }])]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      expect(await collection.countDocuments({ _id: { $in: ['after-cut', 'after-cut-2'] } })).toBe(0);
    } finally {
      await client.close(true);
    }
  });
});
