import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import type { MongoHandle } from '@guichet/platform';
import { SecretBox } from '../src/adapters/crypto/secret-box.js';
import { database } from '../src/adapters/mongo/collections.js';
import { MongoSubscriptionStore } from '../src/adapters/mongo/subscription-store.js';
import type { Subscription } from '../src/application/ports.js';
import { openDatabase, unique } from './harness.js';

/** The subscription store as two instances use it, each with its own connection to one database. */
describe('subscriptions changed by two instances at once', () => {
  const name = unique('notifications_subscriptions_');
  const handles: MongoHandle[] = [];
  const stores: MongoSubscriptionStore[] = [];
  const box = new SecretBox(randomBytes(32).toString('base64'));

  beforeAll(async () => {
    for (let i = 0; i < 2; i += 1) {
      const handle = await openDatabase(name);
      handles.push(handle);
      const db = database(handle);
      stores.push(new MongoSubscriptionStore(db.collection('subscriptions'), box, db.collection('subscription_claims')));
    }
    await stores[0]?.ensureIndexes();
  });

  afterAll(async () => {
    await handles[0]?.db.dropDatabase();
    await Promise.all(handles.map((handle) => handle.close()));
  });

  it('keeps both a pause and a rotation of the secrets made at the same moment, in every round', async () => {
    const [first, second] = stores as [MongoSubscriptionStore, MongoSubscriptionStore];
    const at = new Date('2026-12-07T10:00:00Z');
    const subscription: Subscription = { id: randomUUID(), stakeholder: 'ars', clientId: 'partner-ars', url: 'https://partner.example.org/hooks', eventTypes: ['fr.sante.guichet.stakeholder.ars.request-submitted.v1'], scope: { regions: ['24'], departements: [] }, status: 'active', secrets: [{ value: 'whsec_first', createdAt: at }], createdAt: at, updatedAt: at };
    expect(await first.insert(subscription)).toBe('inserted');
    for (let round = 1; round <= 8; round += 1) {
      const status = round % 2 === 1 ? 'paused' : 'active';
      const secret = `whsec_round_${round}`;
      const read = round === 1 ? 'whsec_first' : `whsec_round_${round - 1}`;
      await Promise.all([first.setStatus(subscription.id, status, at), second.replaceSecrets(subscription.id, read, [{ value: secret, createdAt: at }], at)]);
      const stored = await second.get(subscription.id);
      expect({ status: stored?.status, secrets: stored?.secrets.map((s) => s.value) }).toEqual({ status, secrets: [secret] });
      expect((await first.listByClient('partner-ars')).map((s) => s.status)).toEqual([status]);
    }
  });

  it('makes one of two rotations of the secret read at the same moment, in every round, and refuses the other', async () => {
    const [first, second] = stores as [MongoSubscriptionStore, MongoSubscriptionStore];
    const at = new Date('2026-12-07T10:00:00Z');
    const id = randomUUID();
    await first.insert({ id, stakeholder: 'ars', clientId: 'partner-ars', url: 'https://partner.example.org/rotations', eventTypes: [], scope: { regions: ['24'], departements: [] }, status: 'active', secrets: [{ value: 'whsec_0', createdAt: at }], createdAt: at, updatedAt: at });
    let inForce = 'whsec_0';
    for (let round = 1; round <= 8; round += 1) {
      const candidates = [`whsec_${round}_a`, `whsec_${round}_b`];
      const outcomes = await Promise.all(candidates.map((value, i) => [first, second][i]?.replaceSecrets(id, inForce, [{ value, createdAt: at }], at)));
      expect([...outcomes].sort()).toEqual(['replaced', 'stale']);
      const winner = candidates[outcomes.indexOf('replaced')] as string;
      expect((await first.get(id))?.secrets.map((s) => s.value)).toEqual([winner]);
      expect((await second.get(id))?.secrets.map((s) => s.value)).toEqual([winner]);
      inForce = winner;
    }
  });

  it('forgets a deleted subscription, with its history', async () => {
    const [first, second] = stores as [MongoSubscriptionStore, MongoSubscriptionStore];
    const at = new Date();
    const id = randomUUID();
    await first.insert({ id, stakeholder: 'cpam', clientId: 'partner-cpam', url: 'https://partner.example.org/cpam', eventTypes: [], scope: { regions: [], departements: ['37'] }, status: 'active', secrets: [{ value: 'whsec_cpam', createdAt: at }], createdAt: at, updatedAt: at });
    await first.setStatus(id, 'paused', at);
    await second.delete(id);
    expect(await first.get(id)).toBeUndefined();
    expect(await first.forStakeholder('cpam')).toEqual([]);
  });
});
