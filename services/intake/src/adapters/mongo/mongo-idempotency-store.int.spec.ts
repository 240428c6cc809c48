import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { connectMongo, type MongoHandle } from '@guichet/platform';
import { ensureIndexes, intakeCollections } from './collections.js';
import { MongoIdempotencyStore } from './mongo-idempotency-store.js';

/** Idempotency keys of two instances on one database: an abandoned call is taken over by one caller. */
describe('idempotency keys shared by two intake instances', () => {
  const handles: MongoHandle[] = [];
  const stores: MongoIdempotencyStore[] = [];

  beforeAll(async () => {
    const uri = process.env.MONGODB_URI;
    if (!uri) throw new Error('MONGODB_URI missing: run through jest (tests/harness/global-setup.ts)');
    const dbName = `intake_test_idempotency_${randomBytes(4).toString('hex')}`;
    for (let i = 0; i < 2; i += 1) {
      const handle = await connectMongo({ uri, dbName });
      handles.push(handle);
      const collections = intakeCollections(handle.db);
      if (i === 0) await ensureIndexes(collections);
      stores.push(new MongoIdempotencyStore(collections, () => new Date().toISOString()));
    }
  });

  afterAll(async () => {
    await handles[0]?.db.dropDatabase();
    await Promise.all(handles.map((handle) => handle.close()));
  });

  it('lets one of the callers that find a call abandoned run it again, the others waiting', async () => {
    const [first, second] = stores as [MongoIdempotencyStore, MongoIdempotencyStore];
    // Keys abandoned side by side, each found by eight callers of both instances at once.
    const keys = Array.from({ length: 12 }, () => `key-${randomBytes(4).toString('hex')}`);
    for (const key of keys) expect(await first.claim('candidate', key, 'fp', '2026-12-07T10:00:00.000Z')).toEqual({ kind: 'new' });
    const later = '2026-12-07T10:01:30.000Z';
    const claims = await Promise.all(keys.map((key) => Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? first : second).claim('candidate', key, 'fp', later)))));
    expect(claims.map((ofKey) => ofKey.filter((claim) => claim.kind === 'new').length)).toEqual(keys.map(() => 1));
    expect(claims.flat().filter((claim) => claim.kind === 'in-progress')).toHaveLength(keys.length * 7);
    // A call taken over is not abandoned any more.
    expect(await second.claim('candidate', keys[0] as string, 'fp', '2026-12-07T10:02:00.000Z')).toEqual({ kind: 'in-progress' });
  });
});
