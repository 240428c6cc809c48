import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import type { MongoHandle } from '@guichet/platform';
import { SecretBox } from '../src/adapters/crypto/secret-box.js';
import { database, ensureIndexes } from '../src/adapters/mongo/collections.js';
import { planDelivery } from '../src/application/plan-delivery.js';
import type { StoredStakeholderEvent, Subscription } from '../src/application/ports.js';
import { ManualClock, openDatabase, unique, WebhookReceiver } from './harness.js';
import { webhookInstance } from './webhook-instance.js';

jest.setTimeout(120_000);

const LEASE = 60_000;

/**
 * Two instances' webhook schedulers on one database, each with its own connection and memory:
 * a delivery both of them hold is made once, and one an instance took before it stopped is made
 * by the other once its lease has passed.
 */
describe('webhook deliveries shared by two instances', () => {
  const name = unique('notifications_shared_deliveries_');
  const handles: MongoHandle[] = [];
  const clock = new ManualClock();
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const receiver = new WebhookReceiver();
  const box = new SecretBox(randomBytes(32).toString('base64'));
  let subscription: Subscription;

  const instance = (handle: MongoHandle) => webhookInstance(handle, { clock, box, leaseMs: LEASE });

  const stakeholderEvents = (count: number): StoredStakeholderEvent[] =>
    Array.from({ length: count }, (_, seq) => ({
      id: randomUUID(),
      type: 'fr.sante.guichet.stakeholder.ars.request-submitted.v1',
      stakeholder: 'ars',
      requestId: randomUUID(),
      time: clock.now(),
      data: { sourceEventType: 'fr.sante.guichet.intake.request-submitted.v1' },
      seq,
    }));

  beforeAll(async () => {
    await receiver.start();
    receiver.secret = secret;
    for (let i = 0; i < 2; i += 1) handles.push(await openDatabase(name));
    await ensureIndexes(database(handles[0] as MongoHandle));
    const now = clock.now();
    subscription = { id: randomUUID(), stakeholder: 'ars', clientId: 'partner-ars', url: receiver.url, eventTypes: ['fr.sante.guichet.stakeholder.ars.request-submitted.v1'], scope: { regions: ['24'], departements: [] }, status: 'active', secrets: [{ value: secret, createdAt: now }], createdAt: now, updatedAt: now };
    await instance(handles[0] as MongoHandle).subscriptions.insert(subscription);
  });

  afterAll(async () => {
    await handles[0]?.db.dropDatabase();
    await Promise.all(handles.map((handle) => handle.close()));
    await receiver.close();
  });

  it('makes each delivery once when both instances plan it (an event redelivered to the other after a rebalance, a replay run by both)', async () => {
    const [first, second] = handles.map(instance) as [ReturnType<typeof instance>, ReturnType<typeof instance>];
    const events = stakeholderEvents(40);
    await first.events.recordMany(events);
    const planned = events.map((event) => planDelivery(subscription.id, event, clock.now(), () => 0.5));
    const before = receiver.accepted.length;
    await Promise.all([first.scheduler.enqueue(planned), second.scheduler.enqueue(planned.map((delivery) => ({ ...delivery })))]);
    // What one instance found under way at the other is left to it, then known as made.
    await Promise.all([first.scheduler.tick(), second.scheduler.tick()]);
    const received = receiver.accepted.slice(before).map((webhook) => webhook.webhookId);
    expect(received).toHaveLength(events.length);
    expect(new Set(received)).toEqual(new Set(events.map((event) => event.id)));
  });

  it('takes over a delivery whose attempt a stopped instance had taken, once its lease has passed, and makes it once', async () => {
    const stopped = instance(handles[0] as MongoHandle);
    const [event] = stakeholderEvents(1) as [StoredStakeholderEvent];
    await stopped.events.recordMany([event]);
    const { event: _event, ...delivery } = planDelivery(subscription.id, event, clock.now(), () => 0.5);
    // The stopped instance stored the delivery to wait and took its first attempt, then died before sending.
    await stopped.deliveries.createMany([delivery]);
    expect(await stopped.deliveries.takeAttempt(delivery, 1, clock.now())).toEqual({ kind: 'taken' });

    const successor = instance(handles[1] as MongoHandle);
    const seen = () => receiver.accepted.filter((webhook) => webhook.webhookId === event.id).length;
    await successor.scheduler.tick();
    clock.advance(LEASE);
    await successor.scheduler.tick();
    expect(seen()).toBe(0);
    clock.advance(LEASE);
    await successor.scheduler.tick();
    expect(seen()).toBe(1);
    clock.advance(LEASE);
    await successor.scheduler.tick();
    expect(seen()).toBe(1);
  });
});
