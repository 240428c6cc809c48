import { describe, expect, it } from '@jest/globals';
import { GroupCommit } from './group-commit.js';

interface Doc {
  _id: string;
  bad?: boolean;
}

/** A collection with a unique `_id` that answers like the driver: one error per refused document. */
class FakeCollection {
  readonly stored = new Set<string>();
  readonly batches: string[][] = [];
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;
  failNext: Error | undefined;

  /** Holds the next insertMany until `release()`. */
  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = undefined;
  }

  async insertMany(documents: Doc[]): Promise<unknown> {
    this.batches.push(documents.map((d) => d._id));
    const gate = this.gate;
    if (gate) await gate;
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    const writeErrors: Array<{ index: number; code: number; errmsg: string }> = [];
    documents.forEach((doc, index) => {
      if (doc.bad) writeErrors.push({ index, code: 2, errmsg: 'document invalide' });
      else if (this.stored.has(doc._id)) writeErrors.push({ index, code: 11000, errmsg: 'E11000 duplicate key' });
      else this.stored.add(doc._id);
    });
    if (writeErrors.length > 0) throw Object.assign(new Error('bulk write error'), { code: writeErrors[0]?.code, writeErrors, insertedCount: documents.length - writeErrors.length });
    return { insertedCount: documents.length };
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('writes the inserts asked while a batch is written together, in the next insertMany', async () => {
    const collection = new FakeCollection();
    const inserts = new GroupCommit<Doc>(collection);
    collection.hold();
    const first = inserts.insertOne({ _id: 'a' });
    await settle();
    const later = [inserts.insertOne({ _id: 'b' }), inserts.insertMany([{ _id: 'c' }, { _id: 'd' }]), inserts.insertOne({ _id: 'e' })];
    collection.release();
    expect(await first).toBe('inserted');
    expect(await Promise.all(later)).toEqual(['inserted', ['inserted', 'inserted'], 'inserted']);
    expect(collection.batches).toEqual([['a'], ['b', 'c', 'd', 'e']]);
  });

  it('joins the callers of one turn of the event loop in the first batch', async () => {
    const collection = new FakeCollection();
    const inserts = new GroupCommit<Doc>(collection);
    await Promise.all([inserts.insertOne({ _id: 'a' }), inserts.insertOne({ _id: 'b' })]);
    expect(collection.batches).toEqual([['a', 'b']]);
  });

  it('tells each caller which of its documents were already there, the first of a batch winning', async () => {
    const collection = new FakeCollection();
    collection.stored.add('old');
    const inserts = new GroupCommit<Doc>(collection);
    const [mine, theirs, again] = await Promise.all([
      inserts.insertMany([{ _id: 'old' }, { _id: 'new' }]),
      inserts.insertOne({ _id: 'same' }),
      inserts.insertOne({ _id: 'same' }),
    ]);
    expect(mine).toEqual(['duplicate', 'inserted']);
    expect(theirs).toBe('inserted');
    expect(again).toBe('duplicate');
  });

  it('fails only the caller whose document is refused for another reason', async () => {
    const collection = new FakeCollection();
    const inserts = new GroupCommit<Doc>(collection);
    const [refused, kept] = await Promise.allSettled([inserts.insertMany([{ _id: 'x' }, { _id: 'y', bad: true }]), inserts.insertOne({ _id: 'z' })]);
    expect(refused.status).toBe('rejected');
    expect(kept).toEqual({ status: 'fulfilled', value: 'inserted' });
    expect([...collection.stored].sort()).toEqual(['x', 'z']);
  });

  it('fails every caller of a batch the server did not take, and goes on with the next', async () => {
    const collection = new FakeCollection();
    const inserts = new GroupCommit<Doc>(collection);
    collection.failNext = new Error('connexion perdue');
    const lost = await Promise.allSettled([inserts.insertOne({ _id: 'a' }), inserts.insertOne({ _id: 'b' })]);
    expect(lost.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await inserts.insertOne({ _id: 'a' })).toBe('inserted');
  });

  it('fails every caller when the driver reports the whole request failed with an empty list of document errors', async () => {
    const collection = new FakeCollection();
    const inserts = new GroupCommit<Doc>(collection);
    // What the driver throws when the server cannot be reached during an insertMany.
    collection.failNext = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), { name: 'MongoBulkWriteError', writeErrors: [], insertedCount: 0 });
    const lost = await Promise.allSettled([inserts.insertOne({ _id: 'a' }), inserts.insertMany([{ _id: 'b' }, { _id: 'c' }])]);
    expect(lost.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('keeps batches within the limit, a large caller spread over several', async () => {
    const collection = new FakeCollection();
    const inserts = new GroupCommit<Doc>(collection, { maxBatch: 3 });
    const many = Array.from({ length: 5 }, (_, i) => ({ _id: `m${i}` }));
    const outcomes = await Promise.all([inserts.insertMany(many), inserts.insertOne({ _id: 'n' })]);
    expect(outcomes).toEqual([['inserted', 'inserted', 'inserted', 'inserted', 'inserted'], 'inserted']);
    expect(collection.batches).toEqual([['m0', 'm1', 'm2'], ['m3', 'm4'], ['n']]);
  });
});
