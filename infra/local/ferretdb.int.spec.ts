import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MongoClient, MongoServerError, type Db } from 'mongodb';

// The MongoDB-wire server (FerretDB v1.24.0 on SQLite locally, any MongoDB through MONGODB_URI)
// supports the operations the design relies on: single-document atomic updates with guards,
// unique indexes, array push/pull for the outbox.

interface CaseDocument {
  _id: string;
  version: number;
  status: string;
  outbox: Array<{ id: string; type: string }>;
  processed: string[];
}

describe('local MongoDB-wire server', () => {
  const client = new MongoClient(process.env.MONGODB_URI ?? '', { serverSelectionTimeoutMS: 5000 });
  let db: Db;

  beforeAll(async () => {
    await client.connect();
    db = client.db(`infra_smoke_${randomUUID().slice(0, 8)}`);
  });

  afterAll(async () => {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  it('answers ping', async () => {
    expect((await db.admin().command({ ping: 1 })).ok).toBe(1);
  });

  it('rejects a duplicate key on a unique index', async () => {
    const keys = db.collection<{ _id: string; key: string }>('idempotency_keys');
    await keys.createIndex({ key: 1 }, { unique: true });
    await keys.insertOne({ _id: 'a', key: 'same' });
    const duplicate = await keys.insertOne({ _id: 'b', key: 'same' }).catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(MongoServerError);
    expect((duplicate as MongoServerError).code).toBe(11000);
  });

  it('applies a guarded update once, appends and removes outbox entries in the same document', async () => {
    const cases = db.collection<CaseDocument>('cases');
    await cases.insertOne({ _id: 'case-1', version: 1, status: 'draft', outbox: [], processed: [] });

    const submitted = await cases.findOneAndUpdate(
      { _id: 'case-1', version: 1 },
      { $set: { status: 'submitted' }, $inc: { version: 1 }, $push: { outbox: { id: 'evt-1', type: 'request-submitted' } } },
      { returnDocument: 'after' },
    );
    expect(submitted).toMatchObject({ version: 2, status: 'submitted', outbox: [{ id: 'evt-1', type: 'request-submitted' }] });

    const stale = await cases.updateOne({ _id: 'case-1', version: 1 }, { $set: { status: 'withdrawn' } });
    expect(stale.matchedCount).toBe(0);

    const applyOnce = () => cases.updateOne({ _id: 'case-1', processed: { $ne: 'evt-9' } }, { $push: { processed: 'evt-9' }, $inc: { version: 1 } });
    expect((await applyOnce()).modifiedCount).toBe(1);
    expect((await applyOnce()).modifiedCount).toBe(0);

    // Exact-value removal: FerretDB 1.24 accepts `$pull` with a condition but removes nothing.
    await cases.updateOne({ _id: 'case-1' }, { $pullAll: { outbox: [{ id: 'evt-1', type: 'request-submitted' }] } });
    expect(await cases.findOne({ _id: 'case-1' })).toMatchObject({ version: 3, status: 'submitted', outbox: [], processed: ['evt-9'] });
  });

  it('narrows by _id whatever else the filter holds, and answers exactly what the filter says', async () => {
    const docs = db.collection<{ _id: string; version: number; n: number }>('by_id');
    await docs.insertMany([
      { _id: 'a', version: 1, n: 1 },
      { _id: 'b', version: 2, n: 2 },
      { _id: 'c', version: 1, n: 3 },
    ]);
    expect(await docs.findOne({ _id: 'a', version: 2 })).toBeNull();
    expect((await docs.updateOne({ _id: 'b', version: 1 }, { $set: { n: 9 } })).matchedCount).toBe(0);
    expect((await docs.updateOne({ _id: 'b', version: 2 }, { $set: { n: 20 }, $inc: { version: 1 } })).modifiedCount).toBe(1);
    expect((await docs.find({ _id: { $in: ['a', 'b', 'missing', 'a'] } }).sort({ _id: 1 }).toArray()).map((d) => [d._id, d.n])).toEqual([
      ['a', 1],
      ['b', 20],
    ]);
    expect((await docs.find({ _id: { $in: ['a', 'c'] }, version: 1, n: { $gt: 1 } }).toArray()).map((d) => d._id)).toEqual(['c']);
    expect((await docs.deleteMany({ _id: { $in: ['a', 'c'] }, n: 3 })).deletedCount).toBe(1);
    expect((await docs.find({}).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(['a', 'b']);

    // Without the build's patches FerretDB scanned the whole collection for these filters (2 s per
    // optimistic update among 877 cases of a fault run): the plan shows the `_id` index instead.
    const plan = async (filter: Record<string, unknown>) => JSON.stringify((await docs.find(filter).explain()).queryPlanner);
    const usesIdIndex = (text: string) => /USING INDEX|IDHACK|IXSCAN|EXPRESS/.test(text) && !/COLLSCAN|"detail=SCAN/.test(text);
    expect(usesIdIndex(await plan({ _id: 'b', version: 3 }))).toBe(true);
    expect(usesIdIndex(await plan({ _id: { $in: ['a', 'b'] } }))).toBe(true);
    expect(usesIdIndex(await plan({ n: 1 }))).toBe(false);
  });

  it('completes a burst of updates from many connections at once (several desk instances catching up)', async () => {
    const uri = process.env.MONGODB_URI ?? '';
    const clients = await Promise.all(Array.from({ length: 6 }, () => new MongoClient(uri, { serverSelectionTimeoutMS: 5000, maxPoolSize: 60, minPoolSize: 60, maxConnecting: 20 }).connect()));
    try {
      const docs = (c: MongoClient) => c.db(db.databaseName).collection<{ _id: string; n: number }>('burst');
      await docs(client).insertMany(Array.from({ length: 1200 }, (_, i) => ({ _id: `d${i}`, n: 0 })));
      // Every pool open before the burst: 360 connections, more than the server's 100 per database.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const updates = Promise.all(Array.from({ length: 1200 }, (_, i) => docs(clients[i % clients.length]!).updateOne({ _id: `d${i}` }, { $set: { n: 1 } })));
      const outcome = await Promise.race([updates.then(() => 'done'), new Promise((resolve) => setTimeout(() => resolve('stuck'), 30_000))]);
      expect(outcome).toBe('done');
      expect(await docs(client).countDocuments({ n: 1 })).toBe(1200);
    } finally {
      await Promise.all(clients.map((c) => c.close(true)));
    }
  }, 60_000);
});
