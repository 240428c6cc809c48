import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { eventCatalogue, validateReplay, type EventType, type Replay, type SubscriptionCreated } from '@guichet/contracts';
import type { MongoHandle } from '@guichet/platform';
import { clientCredentialsToken } from '../../../tests/harness/tokens.js';
import { MongoDeliveryStore } from '../src/adapters/mongo/delivery-store.js';
import { MongoEventLog } from '../src/adapters/mongo/event-log.js';
import { planDelivery } from '../src/application/plan-delivery.js';
import type { PendingDelivery, StoredStakeholderEvent } from '../src/application/ports.js';
import { purgePartnerLogs } from '../src/application/purge-partner-logs.js';
import type { RunningNotifications } from '../src/main.js';
import { newCaseIds } from './fixtures.js';
import { api, ManualClock, openDatabase, quietLogger, startService, unique, uniqueTopics, WebhookReceiver } from './harness.js';

jest.setTimeout(180_000);

const DAY = 86_400_000;
const topics = uniqueTopics();
const database = unique('notifications_retention_');
const clock = new ManualClock(new Date('2026-12-07T10:00:00Z'));
let mongo: MongoHandle;
let service: RunningNotifications;

beforeAll(async () => {
  service = await startService({ database, groupPrefix: unique('notifications-retention-'), topics, overrides: { clock } });
  mongo = await openDatabase(database);
});

afterAll(async () => {
  await service?.stop();
  await mongo?.db.dropDatabase();
  await mongo?.close();
});

const event = (requestId: string, time: Date, seq: number): StoredStakeholderEvent => ({
  id: `${requestId}-${seq}`,
  type: 'fr.sante.guichet.stakeholder.ars.request-submitted.v1',
  stakeholder: 'ars',
  requestId,
  time,
  data: { stakeholder: 'ars', requestId },
  seq,
});

describe('retention of the partner event log', () => {
  it('purges the events older than its retention, and keeps the others for replays', async () => {
    const events = new MongoEventLog(mongo.db.collection('stakeholder_events'));
    const { requestId } = newCaseIds();
    await events.recordMany([event(requestId, new Date(clock.now().getTime() - 120 * DAY), 1), event(requestId, new Date(clock.now().getTime() - DAY), 2)]);
    const noDeliveries = { purgeBefore: async () => 0 };
    await purgePartnerLogs({ events, deliveries: noDeliveries, retention: { partnerEventsDays: 90, deliveryLogDays: 90 }, clock, logger: quietLogger() });
    const kept: string[] = [];
    for await (const e of events.since('ars', new Date(0), undefined, [event(requestId, clock.now(), 0).type])) if (e.requestId === requestId) kept.push(e.id);
    expect(kept).toEqual([`${requestId}-2`]);
  });

  it('purges the delivery log past its retention with the attempt claims of the instances, and keeps the recent ones', async () => {
    const claims = mongo.db.collection<{ _id: string; at: Date }>('delivery_claims');
    const deliveries = new MongoDeliveryStore(mongo.db.collection('deliveries'), mongo.db.collection('delivery_attempts'), mongo.db.collection('delivery_queue'), claims);
    const events = new MongoEventLog(mongo.db.collection('stakeholder_events'));
    const { requestId } = newCaseIds();
    const subscriptionId = newCaseIds().requestId;
    const deliveryAt = async (daysAgo: number, seq: number, settle: boolean): Promise<PendingDelivery> => {
      const at = new Date(clock.now().getTime() - daysAgo * DAY);
      const { event: _event, ...delivery } = planDelivery(subscriptionId, event(requestId, at, seq), at, () => 0.5);
      await deliveries.createMany([delivery]);
      expect(await deliveries.takeAttempt(delivery, 1, at)).toEqual({ kind: 'taken' });
      const attempt = { attempt: 1, at: at.toISOString(), statusCode: 204, durationMs: 12 };
      if (settle) await deliveries.recordAttempts([{ delivery, status: 'delivered', attempt, stored: true }]);
      return delivery;
    };
    // Settled 120 days ago; taken 100 days ago by an instance that stopped before sending; settled yesterday.
    const [old, abandoned, recent] = [await deliveryAt(120, 11, true), await deliveryAt(100, 12, false), await deliveryAt(1, 13, true)];
    const claimsOf = async (...ids: string[]) => (await claims.find({}).toArray()).map((claim) => claim._id.split(':')[0]).filter((id) => id !== undefined && ids.includes(id));
    expect((await claimsOf(old.id, abandoned.id, recent.id)).sort()).toEqual([old.id, abandoned.id, recent.id].sort());

    await purgePartnerLogs({ events, deliveries, retention: { partnerEventsDays: 90, deliveryLogDays: 90 }, clock, logger: quietLogger() });

    expect(await claimsOf(old.id, abandoned.id, recent.id)).toEqual([recent.id]);
    expect([...(await deliveries.planned([old.id, abandoned.id, recent.id]))]).toEqual([recent.id]);
  });

  it('starts a replay asked from 1970 at the retention horizon, and says so', async () => {
    const receiver = await new WebhookReceiver().start();
    const token = await clientCredentialsToken('partner-ars');
    const eventTypes = (Object.keys(eventCatalogue) as EventType[]).filter((type) => eventCatalogue[type].stakeholder === 'ars');
    const created = await api<SubscriptionCreated>(service.url, token, 'POST', '/v1/subscriptions', { url: receiver.url, eventTypes });
    expect(created.status).toBe(201);
    const replay = await api<Replay>(service.url, token, 'POST', `/v1/subscriptions/${created.body.subscription.id}/replays`, { from: '1970-01-01T00:00:00Z' });
    expect(validateReplay(replay.body).ok).toBe(true);
    expect({ status: replay.status, from: replay.body.from, effectiveFrom: replay.body.effectiveFrom }).toEqual({ status: 202, from: '1970-01-01T00:00:00.000Z', effectiveFrom: '2026-09-08T10:00:00.000Z' });
    await receiver.close();
  });
});
