import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { MongoHandle } from '@guichet/platform';
import { database } from '../src/adapters/mongo/collections.js';
import { MongoReplayStore } from '../src/adapters/mongo/replay-store.js';
import { openDatabase, unique } from './harness.js';

/** Replays run by two instances at once: the statuses they record never take a replay back. */
describe('replays run by two instances', () => {
  const name = unique('notifications_replays_');
  const handles: MongoHandle[] = [];
  const stores: MongoReplayStore[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i += 1) {
      const handle = await openDatabase(name);
      handles.push(handle);
      stores.push(new MongoReplayStore(database(handle).collection('replays'), database(handle).collection('replay_states')));
    }
  });

  afterAll(async () => {
    await handles[0]?.db.dropDatabase();
    await Promise.all(handles.map((handle) => handle.close()));
  });

  it('keeps a replay done when the slower instance records it running afterwards, and no longer pending', async () => {
    const [first, second] = stores as [MongoReplayStore, MongoReplayStore];
    const id = randomUUID();
    await first.insert({ id, subscriptionId: randomUUID(), from: new Date('2026-12-01T00:00:00Z'), eventTypes: [], status: 'accepted', requestedAt: new Date() });
    expect((await second.pending()).map((replay) => replay.id)).toContain(id);
    await first.update(id, { status: 'running' });
    await first.update(id, { status: 'done', eventCount: 12 });
    await second.update(id, { status: 'running' });
    await second.update(id, { status: 'done', eventCount: 12 });
    expect(await second.get(id)).toMatchObject({ status: 'done', eventCount: 12 });
    expect((await first.pending()).map((replay) => replay.id)).not.toContain(id);
  });
});
