import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { eventCatalogue, validateDeadLetterPage, validateDeliveryPage, validateReplay, type DeadLetterPage, type DeliveryPage, type EventType, type Replay, type SubscriptionCreated } from '@guichet/contracts';
import type { MongoHandle } from '@guichet/platform';
import { clientCredentialsToken } from '../../../tests/harness/tokens.js';
import type { RunningNotifications } from '../src/main.js';
import { allConsents, bundleAccepted, completeRequest, newCaseIds, proposalsComputed, requestErased, requestSubmitted, reservationConfirmed, statusChanged, type CaseIds } from './fixtures.js';
import { api, CasePublisher, consumedAll, eventually, ManualClock, openDatabase, projected, SmtpSink, startService, unique, uniqueTopics, WebhookReceiver } from './harness.js';

// The stack is shared by every engineer's runs: generous guards, never timing assertions.
jest.setTimeout(180_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const topics = uniqueTopics();
const database = unique('notifications_webhooks_');
const groupPrefix = unique('notifications-webhooks-');
const clock = new ManualClock();
let mongo: MongoHandle;
let service: RunningNotifications;
let publisher: CasePublisher;
let smtp: SmtpSink;
let arsToken: string;
let cpamToken: string;
let ordreToken: string;

beforeAll(async () => {
  smtp = await new SmtpSink().start();
  publisher = await CasePublisher.open(topics);
  service = await startService({ database, groupPrefix, topics, smtpPort: smtp.port, overrides: { clock } });
  mongo = await openDatabase(database);
  [arsToken, cpamToken, ordreToken] = await Promise.all([clientCredentialsToken('partner-ars'), clientCredentialsToken('partner-cpam'), clientCredentialsToken('partner-ordre')]);
});

afterAll(async () => {
  await service?.stop();
  await publisher?.close();
  await smtp?.close();
  await mongo?.db.dropDatabase();
  await mongo?.close();
});

async function subscribe(token: string, receiver: WebhookReceiver, family: string, territory?: Record<string, string[]>): Promise<SubscriptionCreated> {
  const eventTypes = (Object.keys(eventCatalogue) as EventType[]).filter((type) => eventCatalogue[type].stakeholder === family);
  const created = await api<SubscriptionCreated>(service.url, token, 'POST', '/v1/subscriptions', { url: receiver.url, eventTypes, ...(territory ? { territory } : {}) });
  expect(created.status).toBe(201);
  receiver.secret = created.body.secret;
  return created.body;
}

/** One case's life as the ARS hears it, inputs twice over; each step waits for the previous, as intake and matching do. */
async function playCase(ids: CaseIds): Promise<void> {
  const steps = [requestSubmitted(ids, completeRequest(allConsents)), statusChanged(ids, 'submitted', 'under_review'), proposalsComputed(ids), bundleAccepted(ids), reservationConfirmed(ids)];
  for (const step of steps) {
    const id = await publisher.publish(step);
    await publisher.publish(step, id);
    await projected(mongo, ids.requestId, id);
  }
}

/** Lets retry time pass until `probe` holds. */
async function whileTimePasses(step: number, probe: () => Promise<void> | void, timeoutMs = 150_000): Promise<void> {
  await eventually(async () => {
    clock.advance(step);
    await service.scheduler.tick();
    await probe();
  }, timeoutMs);
}

describe('webhook deliveries', () => {
  let ars: SubscriptionCreated;
  const receiver = new WebhookReceiver();
  const elsewhere = new WebhookReceiver();
  const cases = [newCaseIds(), newCaseIds()];
  const expected = ['request-submitted', 'request-status-changed', 'proposals-computed', 'bundle-accepted', 'reservation-confirmed'];

  beforeAll(async () => {
    await Promise.all([receiver.start(), elsewhere.start()]);
    receiver.failing = (n) => n <= 4;
    ars = await subscribe(arsToken, receiver, 'ars', { departements: ['37'] });
    await subscribe(arsToken, elsewhere, 'ars', { departements: ['41'] });
  });

  afterAll(async () => {
    await Promise.all([receiver.close(), elsewhere.close()]);
  });

  it('reach a receiver that fails then recovers: every event once, in order per case, signed', async () => {
    await Promise.all(cases.map(playCase));
    await whileTimePasses(5 * MINUTE, () => expect(receiver.accepted.length).toBeGreaterThanOrEqual(cases.length * expected.length));

    for (const ids of cases) expect(receiver.accepted.filter((w) => w.requestId === ids.requestId).map((w) => w.sourceEventType)).toEqual(expected);
    const webhookIds = receiver.accepted.map((w) => w.webhookId);
    expect(new Set(webhookIds).size).toBe(webhookIds.length);
    expect(receiver.refusedSignatures).toEqual([]);
    expect(receiver.accepted.every((w) => w.type.startsWith('fr.sante.guichet.stakeholder.ars.'))).toBe(true);
    expect(elsewhere.requests).toBe(0);

    const log = await api<DeliveryPage>(service.url, arsToken, 'GET', `/v1/subscriptions/${ars.subscription.id}/deliveries?limit=200`);
    expect(validateDeliveryPage(log.body).ok).toBe(true);
    expect(log.body.items).toHaveLength(cases.length * expected.length);
    expect(log.body.items.every((d) => d.status === 'delivered')).toBe(true);
    const retried = log.body.items.filter((d) => d.attempts.length > 1);
    expect(retried.length).toBeGreaterThan(0);
    for (const delivery of retried) {
      expect(delivery.attempts.slice(0, -1).every((a) => a.statusCode === 503 && a.error === 'HTTP 503')).toBe(true);
      expect(delivery.attempts.at(-1)?.statusCode).toBe(204);
    }
  });

  it('deliver a stakeholder event read twice from its topic only once, even long after it was delivered', async () => {
    const before = receiver.accepted.length;
    const [first] = receiver.accepted;
    if (!first) throw new Error('aucun webhook reçu');
    await publisher.publishRaw(topics.stakeholder.ars, { id: first.webhookId, type: first.type, key: first.requestId, data: first.data });
    await eventually(async () => expect(await consumedAll(`${groupPrefix}-webhooks`, [topics.stakeholder.ars])).toBe(true));
    clock.advance(MINUTE);
    await service.scheduler.tick();
    expect(receiver.accepted.length).toBe(before);
  });

  it('replay a partner’s events from a point in time', async () => {
    const before = receiver.accepted.length;
    const replay = await api<Replay>(service.url, arsToken, 'POST', `/v1/subscriptions/${ars.subscription.id}/replays`, { from: '2026-10-09T00:00:00Z' });
    expect(replay.status).toBe(202);
    expect(validateReplay(replay.body).ok).toBe(true);
    const replayedPerCase = ['proposals-computed', 'bundle-accepted', 'reservation-confirmed'];
    await whileTimePasses(MINUTE, () => expect(receiver.accepted.length).toBe(before + cases.length * replayedPerCase.length));
    const again = receiver.accepted.slice(before);
    for (const ids of cases) expect(again.filter((w) => w.requestId === ids.requestId).map((w) => w.sourceEventType)).toEqual(replayedPerCase);
    const done = await api<Replay>(service.url, arsToken, 'GET', `/v1/subscriptions/${ars.subscription.id}/replays/${replay.body.id}`);
    expect(done.body).toMatchObject({ status: 'done', eventCount: cases.length * replayedPerCase.length });
  });

  it('park what a receiver that never recovers did not take, with the reason, after 24 hours of retries', async () => {
    const down = await new WebhookReceiver().start();
    down.failing = () => true;
    const cpam = await subscribe(cpamToken, down, 'cpam');
    const ids = newCaseIds();
    await publisher.publish(requestSubmitted(ids));

    const deadLetters = async () => (await api<DeadLetterPage>(service.url, cpamToken, 'GET', `/v1/subscriptions/${cpam.subscription.id}/dead-letters`)).body;
    await whileTimePasses(2 * HOUR, async () => expect((await deadLetters()).items).toHaveLength(1));
    const page = await deadLetters();
    expect(validateDeadLetterPage(page).ok).toBe(true);
    const [parked] = page.items;
    expect(parked).toMatchObject({ eventType: 'fr.sante.guichet.stakeholder.cpam.request-submitted.v1', lastStatusCode: 503 });
    expect(parked?.reason).toMatch(/^Échec après \d+ tentatives sur \d+(,\d)? heures : HTTP 503\.$/);

    const log = await api<DeliveryPage>(service.url, cpamToken, 'GET', `/v1/subscriptions/${cpam.subscription.id}/deliveries?status=dead`);
    const [delivery] = log.body.items;
    expect(delivery?.attempts).toHaveLength(parked?.attempts ?? 0);
    const first = Date.parse(delivery?.attempts[0]?.at ?? '');
    const last = Date.parse(delivery?.attempts.at(-1)?.at ?? '');
    expect(last - first).toBeGreaterThanOrEqual(24 * HOUR);
    expect(down.requests).toBe(parked?.attempts);
    await down.close();
  });

  it('leave out the identity of an erased case from webhooks still waiting for their receiver', async () => {
    const late = await new WebhookReceiver().start();
    late.failing = () => true;
    const ordre = await subscribe(ordreToken, late, 'ordre');
    const ids = newCaseIds();
    await publisher.publish(requestSubmitted(ids, completeRequest(allConsents)));
    await eventually(() => expect(late.requests).toBeGreaterThan(0));
    await publisher.publish(requestErased(ids));
    const log = async () => (await api<DeliveryPage>(service.url, ordreToken, 'GET', `/v1/subscriptions/${ordre.subscription.id}/deliveries`)).body.items;
    await eventually(async () => expect(await log()).toHaveLength(2));

    late.failing = () => false;
    await whileTimePasses(MINUTE, () => expect(late.accepted.map((w) => w.sourceEventType)).toEqual(['request-submitted', 'request-erased']));
    expect(late.accepted.every((w) => w.requestId === ids.requestId)).toBe(true);
    expect(late.accepted[0]?.data).not.toHaveProperty('identity');
    expect(JSON.stringify(late.accepted)).not.toMatch(/Martin|lea\.martin|06 12 34 56 78/);

    // The kept events are erased too: a replay does not bring the identity back.
    const before = late.accepted.length;
    const replay = await api<Replay>(service.url, ordreToken, 'POST', `/v1/subscriptions/${ordre.subscription.id}/replays`, { from: '2000-01-01T00:00:00Z' });
    expect(replay.status).toBe(202);
    const replayed = () => late.accepted.slice(before).filter((w) => w.requestId === ids.requestId);
    await whileTimePasses(MINUTE, () => expect(replayed().map((w) => w.sourceEventType)).toEqual(['request-submitted', 'request-erased']));
    expect(JSON.stringify(replayed())).not.toMatch(/Martin|lea\.martin|06 12 34 56 78/);
    await late.close();
  });

  it('wait while a subscription is paused, and deliver once it is resumed', async () => {
    const paused = await new WebhookReceiver().start();
    const created = await subscribe(cpamToken, paused, 'cpam');
    const path = `/v1/subscriptions/${created.subscription.id}`;
    expect((await api(service.url, cpamToken, 'PATCH', path, { status: 'paused' })).body).toMatchObject({ status: 'paused' });
    const ids = newCaseIds();
    await publisher.publish(requestSubmitted(ids));
    await eventually(async () => expect((await api<DeliveryPage>(service.url, cpamToken, 'GET', `${path}/deliveries`)).body.items).toHaveLength(1));
    clock.advance(MINUTE);
    await service.scheduler.tick();
    expect(paused.requests).toBe(0);
    expect((await api(service.url, cpamToken, 'PATCH', path, { status: 'active' })).body).toMatchObject({ status: 'active' });
    await whileTimePasses(MINUTE, () => expect(paused.accepted.map((w) => w.requestId)).toEqual([ids.requestId]));
    await paused.close();
  });
});
