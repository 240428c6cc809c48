import { describe, expect, it } from '@jest/globals';
import { CachedSubscriptionStore } from './cached-subscriptions.js';
import type { SecretsReplacement, Subscription, SubscriptionStore } from './ports.js';

/** Subscriptions as another instance and this one share them, with a count of the reads of them all. */
class SharedSubscriptions implements SubscriptionStore {
  readonly docs = new Map<string, Subscription>();
  readsOfAll = 0;

  async insert(subscription: Subscription): Promise<'inserted' | 'exists'> {
    if (this.docs.has(subscription.id)) return 'exists';
    this.docs.set(subscription.id, subscription);
    return 'inserted';
  }
  async get(id: string): Promise<Subscription | undefined> {
    return this.docs.get(id);
  }
  async listByClient(clientId: string): Promise<Subscription[]> {
    return [...this.docs.values()].filter((s) => s.clientId === clientId);
  }
  async forStakeholder(stakeholder: Subscription['stakeholder']): Promise<Subscription[]> {
    return [...this.docs.values()].filter((s) => s.stakeholder === stakeholder);
  }
  async all(): Promise<Subscription[]> {
    this.readsOfAll += 1;
    return [...this.docs.values()];
  }
  async setStatus(id: string, status: Subscription['status'], at: Date): Promise<Subscription | undefined> {
    const doc = this.docs.get(id);
    if (doc) this.docs.set(id, { ...doc, status, updatedAt: at });
    return this.docs.get(id);
  }
  async replaceSecrets(): Promise<SecretsReplacement> {
    return 'missing';
  }
  async delete(id: string): Promise<void> {
    this.docs.delete(id);
  }
}

const at = new Date('2026-12-07T12:00:00Z');
const subscription = (id: string, stakeholder: Subscription['stakeholder']): Subscription => ({
  id,
  stakeholder,
  clientId: `partner-${stakeholder}`,
  url: `https://partner.example.org/${id}`,
  eventTypes: [],
  scope: { regions: ['24'], departements: [] },
  status: 'active',
  secrets: [],
  createdAt: at,
  updatedAt: at,
});

function setup() {
  let now = 0;
  const shared = new SharedSubscriptions();
  const cached = new CachedSubscriptionStore(shared, 1000, () => now);
  return { shared, cached, advance: (ms: number) => void (now += ms) };
}

const ids = (subscriptions: readonly Subscription[]) => subscriptions.map((s) => s.id);

describe('subscriptions read for each stakeholder event', () => {
  it('give each family its own subscriptions from one read of them all', async () => {
    const { shared, cached } = setup();
    await shared.insert(subscription('ars-1', 'ars'));
    await shared.insert(subscription('cpam-1', 'cpam'));
    const [ars, cpam, ordre] = await Promise.all([cached.forStakeholder('ars'), cached.forStakeholder('cpam'), cached.forStakeholder('ordre')]);
    expect([ids(ars), ids(cpam), ids(ordre)]).toEqual([['ars-1'], ['cpam-1'], []]);
    expect(ids(await cached.forStakeholder('ars'))).toEqual(['ars-1']);
    expect(shared.readsOfAll).toBe(1);
  });

  it('see a subscription made through this instance at once, and one made through another within the delay', async () => {
    const { shared, cached, advance } = setup();
    expect(await cached.forStakeholder('ars')).toEqual([]);
    await cached.insert(subscription('ars-1', 'ars'));
    expect(ids(await cached.forStakeholder('ars'))).toEqual(['ars-1']);

    await shared.insert(subscription('ars-2', 'ars'));
    await cached.setStatus('ars-1', 'paused', at);
    expect(ids(await cached.forStakeholder('ars'))).toEqual(['ars-1', 'ars-2']);
    await shared.delete('ars-2');
    advance(999);
    expect(ids(await cached.forStakeholder('ars'))).toEqual(['ars-1', 'ars-2']);
    advance(1);
    expect(ids(await cached.forStakeholder('ars'))).toEqual(['ars-1']);
  });
});
