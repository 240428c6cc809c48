import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectMongo, type MongoHandle } from '@guichet/platform';
import { matchingCollections, MongoIdempotencyStore } from '../src/adapters/mongo/index.js';
import { stackEnv, unique } from './support.js';

/** Idempotency keys of two instances on one database: an abandoned call is taken over by one caller. */
describe('idempotency keys shared by two instances', () => {
  const handles: MongoHandle[] = [];
  const stores: MongoIdempotencyStore[] = [];

  beforeAll(async () => {
    const dbName = unique('matching_test_idempotency_');
    for (let i = 0; i < 2; i += 1) {
      const handle = await connectMongo({ uri: stackEnv().MONGODB_URI, dbName });
      handles.push(handle);
      stores.push(new MongoIdempotencyStore(matchingCollections(handle).idempotency));
    }
  });

  afterAll(async () => {
    await handles[0]?.db.dropDatabase();
    await Promise.all(handles.map((handle) => handle.close()));
  });

  it('lets one of the callers that find a call abandoned run it again, the others waiting', async () => {
    const [first, second] = stores as [MongoIdempotencyStore, MongoIdempotencyStore];
    // Keys abandoned side by side, each found by eight callers of both instances at once.
    const keys = Array.from({ length: 12 }, () => unique('key-'));
    for (const key of keys) expect(await first.claim('publisher', key, 'fp', '2026-12-07T10:00:00.000Z')).toEqual({ kind: 'new' });
    const later = '2026-12-07T10:01:30.000Z';
    const claims = await Promise.all(keys.map((key) => Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? first : second).claim('publisher', key, 'fp', later)))));
    expect(claims.map((ofKey) => ofKey.filter((claim) => claim.kind === 'new').length)).toEqual(keys.map(() => 1));
    expect(claims.flat().filter((claim) => claim.kind === 'in-progress')).toHaveLength(keys.length * 7);
    // A call taken over is not abandoned any more.
    expect(await second.claim('publisher', keys[0] as string, 'fp', '2026-12-07T10:02:00.000Z')).toEqual({ kind: 'in-progress' });
  });
});
