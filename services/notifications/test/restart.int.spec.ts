import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { eventCatalogue, type EventType, type SubscriptionCreated } from '@guichet/contracts';
import type { MongoHandle } from '@guichet/platform';
import { clientCredentialsToken } from '../../../tests/harness/tokens.js';
import type { RunningNotifications } from '../src/main.js';
import { completeRequest, newCaseIds, proposalsComputed, requestSubmitted, statusChanged, type CaseIds } from './fixtures.js';
import { api, CasePublisher, consumedAll, eventually, ManualClock, openDatabase, projected, readAll, SmtpSink, startService, unique, uniqueTopics, WebhookReceiver } from './harness.js';

// The stack is shared by every engineer's runs: generous guards, never timing assertions.
jest.setTimeout(180_000);

const topics = uniqueTopics();
const database = unique('notifications_restart_');
const groupPrefix = unique('notifications-restart-');
const clock = new ManualClock();
const start = (smtpPort: number) => startService({ database, groupPrefix, topics, smtpPort, overrides: { clock } });

let service: RunningNotifications | undefined;
let publisher: CasePublisher;
let smtp: SmtpSink;
let receiver: WebhookReceiver;
let mongo: MongoHandle;

beforeAll(async () => {
  smtp = await new SmtpSink().start();
  receiver = await new WebhookReceiver().start();
  publisher = await CasePublisher.open(topics);
  mongo = await openDatabase(database);
});

afterAll(async () => {
  await service?.stop();
  await publisher?.close();
  await receiver?.close();
  await smtp?.close();
  await mongo?.db.dropDatabase();
  await mongo?.close();
});

const ARS_TYPES = (Object.keys(eventCatalogue) as EventType[]).filter((type) => eventCatalogue[type].stakeholder === 'ars');
const expectedArs = ['request-submitted', 'request-status-changed', 'proposals-computed'];

async function playCase(ids: CaseIds, address: string): Promise<void> {
  await publisher.publish(requestSubmitted(ids, completeRequest(undefined, address)));
  await publisher.publish(statusChanged(ids, 'submitted', 'under_review'));
}

describe('a notifications service stopped and started again', () => {
  it('resumes where it stopped: no event, webhook or e-mail lost or doubled', async () => {
    service = await start(smtp.port);
    const token = await clientCredentialsToken('partner-ars');
    const created = await api<SubscriptionCreated>(service.url, token, 'POST', '/v1/subscriptions', { url: receiver.url, eventTypes: ARS_TYPES });
    receiver.secret = created.body.secret;

    const before = newCaseIds();
    await playCase(before, 'avant@example.org');
    await eventually(() => expect(receiver.accepted.filter((w) => w.requestId === before.requestId)).toHaveLength(2));
    // The receiver goes down: what the service queues next waits in MongoDB across the restart.
    receiver.failing = () => true;
    const proposalsId = await publisher.publish(proposalsComputed(before));
    await projected(mongo, before.requestId, proposalsId);
    await eventually(async () => expect(receiver.requests).toBeGreaterThan(2));

    await service.stop();
    service = undefined;
    const during = newCaseIds();
    await publisher.publish(requestSubmitted(during, completeRequest(undefined, 'pendant@example.org')));
    await publisher.publish(proposalsComputed(during));
    await publisher.publish(proposalsComputed(before), proposalsId);

    receiver.failing = () => false;
    service = await start(smtp.port);
    await eventually(() => {
      clock.advance(60_000);
      service?.nudge();
      expect(receiver.accepted.filter((w) => w.requestId === before.requestId).map((w) => w.sourceEventType)).toEqual(expectedArs);
      // Matching's answer, read first after the restart, still reaches the partner after the request.
      expect(receiver.accepted.filter((w) => w.requestId === during.requestId).map((w) => w.sourceEventType)).toEqual(['request-submitted', 'proposals-computed']);
    });
    const webhookIds = receiver.accepted.map((w) => w.webhookId);
    expect(new Set(webhookIds).size).toBe(webhookIds.length);

    await eventually(async () => {
      expect(await consumedAll(`${groupPrefix}-projections`, [topics.intakeRequests, topics.matchingProposals])).toBe(true);
      expect(await mongo.db.collection('outbox').countDocuments()).toBe(0);
      expect(smtp.mails.map((m) => m.to).sort()).toEqual(['avant@example.org', 'pendant@example.org']);
    });
    const published = await readAll(Object.values(topics.stakeholder));
    const ids = published.map((m) => m.headers['ce_id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(published.filter((m) => m.data['stakeholder'] === 'ars')).toHaveLength(expectedArs.length + 2);

    // Stopped and started again once everything went out (settled deliveries leave the store
    // in batches, maybe not yet): nothing is sent a second time.
    const delivered = receiver.requests;
    await service.stop();
    service = await start(smtp.port);
    clock.advance(60_000);
    await service.scheduler.tick();
    expect(receiver.requests).toBe(delivered);
  });
});
