import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MongoClient, type Collection, type Db } from 'mongodb';
import { ClaimedRevisions, isDuplicateKey, type RevisionClaim } from '../src/index.js';
import { stackEnv, unique } from './support.js';

// The store contract: what the services rely on from the MongoDB-wire server, checked against
// the configured one (MONGODB_URI: the local FerretDB, or any MongoDB given). Each guarantee the
// code uses is pinned here; so are the counter-examples a MongoDB habit would rely on but
// FerretDB 1.24 does not give, with what they were observed to do on this server.

const CONCURRENT = 50;

interface Slot {
  _id: string;
  slot?: string;
  status?: string;
  by?: number;
  count?: number;
  [field: string]: unknown;
}

let client: MongoClient;
let db: Db;
let ferret: boolean;

beforeAll(async () => {
  client = await new MongoClient(stackEnv().mongoUri).connect();
  db = client.db(unique('store_contract_'));
  ferret = 'ferretdbVersion' in (await db.admin().command({ buildInfo: 1 }));
});

afterAll(async () => {
  await db?.dropDatabase().catch(() => undefined);
  await client?.close();
});

const collection = (prefix: string): Collection<Slot> => db.collection<Slot>(unique(prefix));

/** Runs `write` CONCURRENT times at once; how many resolved with true. */
async function winnersOf(write: (index: number) => Promise<boolean>): Promise<number> {
  const outcomes = await Promise.all(Array.from({ length: CONCURRENT }, (_, index) => write(index)));
  return outcomes.filter(Boolean).length;
}

/** One line per observed fact, in the test output (what this server did, not a pass condition). */
function observe(fact: string, value: unknown): void {
  process.stderr.write(`${JSON.stringify({ storeFact: fact, server: ferret ? 'ferretdb' : 'mongodb', value })}\n`);
}

const insertWins = (slots: Collection<Slot>, doc: Slot) => async (): Promise<boolean> => {
  try {
    await slots.insertOne(doc);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
};

describe('guarantees the services rely on', () => {
  it('a unique index on _id refuses every concurrent insert of a taken key but one, each refusal a duplicate key', async () => {
    const slots = collection('unique_id_');
    expect(await winnersOf((index) => insertWins(slots, { _id: 'claim', by: index })())).toBe(1);
    expect(await slots.countDocuments({})).toBe(1);
  });

  it('a unique secondary index does the same (one open draft per candidate)', async () => {
    const slots = collection('unique_field_');
    await slots.createIndex({ slot: 1 }, { unique: true });
    expect(await winnersOf((index) => insertWins(slots, { _id: `doc-${index}`, slot: 'draft:candidate' })())).toBe(1);
    expect(await slots.countDocuments({ slot: 'draft:candidate' })).toBe(1);
  });

  it('an unordered insertMany stores every free key and reports each taken one as a duplicate key, by its index', async () => {
    const slots = collection('insert_many_');
    await slots.insertMany([{ _id: 'taken-1' }, { _id: 'taken-2' }]);
    const batch = ['free-1', 'taken-1', 'free-2', 'taken-2', 'free-3'].map((_id) => ({ _id }));
    const error = await slots.insertMany(batch, { ordered: false }).then(
      () => undefined,
      (failure: unknown) => failure as { writeErrors?: Array<{ index: number; code: number }> | { index: number; code: number } },
    );
    expect(isDuplicateKey(error)).toBe(true);
    const listed = [error?.writeErrors ?? []].flat();
    expect(listed.map((writeError) => writeError.index).sort()).toEqual([1, 3]);
    expect((await slots.find({}).toArray()).map((doc) => doc._id).sort()).toEqual(['free-1', 'free-2', 'free-3', 'taken-1', 'taken-2']);
  });

  it('a single-document insert is seen whole or not at all by concurrent readers', async () => {
    const slots = collection('atomic_insert_');
    const fields = Object.fromEntries(Array.from({ length: 200 }, (_, index) => [`f${index}`, index]));
    const seen: number[] = [];
    let inserted = false;
    const read = async (): Promise<void> => {
      while (!inserted) {
        const doc = await slots.findOne({ _id: 'whole' });
        if (doc !== null) seen.push(Object.keys(doc).length);
      }
    };
    const readers = Array.from({ length: 4 }, read);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await slots.insertOne({ _id: 'whole', ...fields });
    inserted = true;
    await Promise.all(readers);
    expect(seen.every((count) => count === 201)).toBe(true);
    expect(Object.keys((await slots.findOne({ _id: 'whole' })) ?? {})).toHaveLength(201);
  });

  it('concurrent replaces of one document by _id leave exactly one of them, whole, and each is durable once acknowledged', async () => {
    const slots = collection('replace_');
    await slots.insertOne({ _id: 'doc', by: -1 });
    const contentOf = (index: number) => Object.fromEntries(Array.from({ length: 20 }, (_, field) => [`f${field}`, index]));
    const acknowledged = await winnersOf(async (index) => (await slots.replaceOne({ _id: 'doc' }, { by: index, ...contentOf(index) })).matchedCount === 1);
    expect(acknowledged).toBe(CONCURRENT);
    const stored = await slots.findOne({ _id: 'doc' });
    expect(stored).toEqual({ _id: 'doc', by: stored?.by, ...contentOf(stored?.by ?? -2) });
    await slots.replaceOne({ _id: 'doc' }, { by: 1000 });
    expect(await slots.findOne({ _id: 'doc' })).toEqual({ _id: 'doc', by: 1000 });
  });

  it('claimed revisions: of concurrent writers of one revision exactly one wins, and its document is the one stored', async () => {
    const documents = collection('claimed_docs_') as Collection<Slot & { revision?: number }>;
    const revisions = new ClaimedRevisions(documents, db.collection<RevisionClaim<Slot>>(unique('claims_')));
    await revisions.ensureIndexes();
    await documents.insertOne({ _id: 'offer', status: 'available' });
    const current = (await revisions.read('offer'))!;
    const winners: number[] = [];
    await winnersOf(async (index) => {
      const won = (await revisions.write(current, { ...current, status: 'taken', by: index })) === 'written';
      if (won) winners.push(index);
      return won;
    });
    expect(winners).toHaveLength(1);
    expect(await documents.findOne({ _id: 'offer' })).toEqual({ _id: 'offer', status: 'taken', by: winners[0], revision: 1 });
  });

  it('claimed revisions: concurrent read-and-retry increments lose none', async () => {
    const documents = collection('claimed_count_');
    const revisions = new ClaimedRevisions(documents, db.collection<RevisionClaim<Slot>>(unique('claims_')));
    await revisions.ensureIndexes();
    await documents.insertOne({ _id: 'counter', count: 0 });
    const increment = async (): Promise<void> => {
      for (;;) {
        const current = (await revisions.read('counter'))!;
        if ((await revisions.write(current, { ...current, count: (current.count ?? 0) + 1 })) === 'written') return;
      }
    };
    await Promise.all(Array.from({ length: 20 }, increment));
    expect((await revisions.read('counter'))?.count).toBe(20);
  });
});

describe('what the services must not rely on: a conditional update as a lock, $inc under concurrency', () => {
  // Atomic on MongoDB; on FerretDB 1.24 an update is "read, change, write back" with no
  // isolation between two updates of one document. Observed counts are printed; the assertions
  // hold on both servers and fail on a server that loses the write altogether.
  it('a conditional updateOne({ _id, status: available }) has one winner on MongoDB, possibly several on FerretDB', async () => {
    const rounds: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const slots = collection('conditional_');
      await slots.insertOne({ _id: 'offer', status: 'available' });
      const winners = await winnersOf(async (index) => (await slots.updateOne({ _id: 'offer', status: 'available' }, { $set: { status: 'taken', by: index } })).modifiedCount === 1);
      const stored = await slots.findOne({ _id: 'offer' });
      expect(stored?.status).toBe('taken');
      expect(winners).toBeGreaterThanOrEqual(1);
      if (!ferret) expect(winners).toBe(1);
      rounds.push(winners);
    }
    observe('conditional updateOne winners out of 50, per round', rounds);
  });

  it('200 concurrent $inc of one document sum to 200 on MongoDB, possibly far less on FerretDB', async () => {
    const counters = db.collection<{ _id: string; count: number }>(unique('inc_'));
    await counters.insertOne({ _id: 'counter', count: 0 });
    await Promise.all(Array.from({ length: 200 }, () => counters.updateOne({ _id: 'counter' }, { $inc: { count: 1 } })));
    const count = (await counters.findOne({ _id: 'counter' }))?.count ?? 0;
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(200);
    if (!ferret) expect(count).toBe(200);
    observe('value after 200 concurrent $inc of 1', count);
  });
});
