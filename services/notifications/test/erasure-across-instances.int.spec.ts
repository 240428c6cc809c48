import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import type { MongoHandle } from '@guichet/platform';
import { SecretBox } from '../src/adapters/crypto/secret-box.js';
import { database, ensureIndexes } from '../src/adapters/mongo/collections.js';
import { dispatchStakeholderEvents } from '../src/application/dispatch-stakeholder-event.js';
import { planDelivery } from '../src/application/plan-delivery.js';
import type { StoredStakeholderEvent, Subscription } from '../src/application/ports.js';
import { ManualClock, openDatabase, unique, WebhookReceiver } from './harness.js';
import { webhookInstance } from './webhook-instance.js';

jest.setTimeout(120_000);

const SUBMITTED = 'fr.sante.guichet.stakeholder.ars.request-submitted.v1';
const ERASED = 'fr.sante.guichet.stakeholder.ars.request-erased.v1';

/**
 * Two instances of notifications on one database, each with its own connection and memory. A
 * delivery waits in one of them, its receiver down, while the case's erasure is handled by the
 * other (the erasure's event reached it): when the receiver is back, the partner receives the
 * event without the candidate's identity. The event is one kept before partner events carried
 * only `personalData.href` (events of that time are still in the log of a region that upgraded).
 */
describe('an erasure handled by one instance, a delivery waiting in another', () => {
  const name = unique('notifications_erasure_instances_');
  const handles: MongoHandle[] = [];
  const clock = new ManualClock();
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const receiver = new WebhookReceiver();
  const box = new SecretBox(randomBytes(32).toString('base64'));
  let subscription: Subscription;

  const instance = (handle: MongoHandle) => {
    const { deliveries, events, subscriptions, scheduler } = webhookInstance(handle, { clock, box, leaseMs: 60_000 });
    return { deliveries, events, subscriptions, scheduler, dispatch: { events, subscriptions, deliveries, queue: scheduler, clock, random: () => 0.5 } };
  };

  beforeAll(async () => {
    await receiver.start();
    receiver.secret = secret;
    for (let i = 0; i < 2; i += 1) handles.push(await openDatabase(name));
    await ensureIndexes(database(handles[0] as MongoHandle));
    const now = clock.now();
    subscription = { id: randomUUID(), stakeholder: 'ars', clientId: 'partner-ars', url: receiver.url, eventTypes: [SUBMITTED, ERASED], scope: { regions: ['24'], departements: [] }, status: 'active', secrets: [{ value: secret, createdAt: now }], createdAt: now, updatedAt: now };
    await instance(handles[0] as MongoHandle).subscriptions.insert(subscription);
  });

  afterAll(async () => {
    await handles[0]?.db.dropDatabase();
    await Promise.all(handles.map((handle) => handle.close()));
    await receiver.close();
  });

  it('sends the waiting event without the identity the other instance erased', async () => {
    const [handling, waiting] = handles.map(instance) as [ReturnType<typeof instance>, ReturnType<typeof instance>];
    const requestId = randomUUID();
    const identity = { firstName: 'Hortense', lastName: `Effacee-${requestId.slice(0, 8)}` };
    const submitted: StoredStakeholderEvent = {
      id: randomUUID(),
      type: SUBMITTED,
      stakeholder: 'ars',
      requestId,
      time: clock.now(),
      data: { sourceEventType: 'fr.sante.guichet.intake.request-submitted.v1', requestId, identity },
      seq: 1,
    };
    await waiting.events.recordMany([submitted]);
    receiver.failing = () => true;
    await waiting.scheduler.enqueue([planDelivery(subscription.id, submitted, clock.now(), () => 0.5)]);
    expect(receiver.accepted.filter((webhook) => webhook.webhookId === submitted.id)).toEqual([]);

    const erased: StoredStakeholderEvent = {
      id: randomUUID(),
      type: ERASED,
      stakeholder: 'ars',
      requestId,
      time: clock.now(),
      data: { sourceEventType: 'fr.sante.guichet.intake.request-erased.v1', requestId },
      seq: 2,
    };
    await dispatchStakeholderEvents(handling.dispatch, [erased]);

    receiver.failing = () => false;
    clock.advance(24 * 60 * 60 * 1000);
    await waiting.scheduler.tick();
    const received = receiver.accepted.filter((webhook) => webhook.webhookId === submitted.id);
    expect(received).toHaveLength(1);
    expect(JSON.stringify(received[0]?.data)).not.toContain(identity.lastName);
    expect(received[0]?.data).not.toHaveProperty('identity');
  });
});
