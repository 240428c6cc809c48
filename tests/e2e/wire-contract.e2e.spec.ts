import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { eventCatalogue, stakeholderTopics, topics } from '@guichet/contracts';
import { kafkaConnectionOptions } from '@guichet/platform';
import { Kafka, logLevel } from 'kafkajs';
import { wireDifferences, type WireRecord } from '../contracts/asyncapi-messages.js';
import { clientCredentialsToken, passwordToken } from '../harness/tokens.js';
import { chinonPremises, chinonRequest } from './support/chinon.js';
import { call } from './support/http.js';
import { eventually, startWebhookReceiver } from './support/partners.js';
import { startDesk } from './support/desk.js';
import type { RunningService } from './support/services.js';

/**
 * What a partner or another team reads on the broker is what contracts/asyncapi.yaml says: the
 * three services run a journey on topics of their own (an offer, a submission, its proposals, the
 * stakeholders' journals and territorial streams, the audit of disclosures, a rejected record's
 * dead letters), then every record of every topic they wrote is read back and held to its channel
 * and its message: key, `ce_subject`, CloudEvents headers, dead-letter headers, no header the
 * contract does not declare. Every difference is listed.
 */

jest.setTimeout(240_000);

const run = randomUUID().slice(0, 8);
const prefix = `e2e-wire-${run}.`;
const surname = `Fil${[...run].map((c) => String.fromCharCode(97 + (parseInt(c, 16) % 26))).join('')}`;
const kafka = new Kafka({ ...kafkaConnectionOptions(), clientId: `e2e-wire-${run}`, brokers: (process.env.KAFKA_BROKERS ?? '').split(','), logLevel: logLevel.NOTHING });
const admin = kafka.admin();

let services: RunningService[] = [];
let intake: RunningService;
let matching: RunningService;
let notifications: RunningService;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  await admin.connect();
  ({ intake, matching, notifications } = await startDesk({ name: 'wire', run, prefix }));
  services = [intake, matching, notifications];
}, 360_000);

afterAll(async () => {
  await Promise.all(services.map((service) => service.stop()));
  await receiver?.stop();
  await admin.disconnect();
});

/** Every record of the run's topics, each topic read to the end it had when asked. */
async function recordsOfRun(): Promise<Map<string, WireRecord[]>> {
  const names = (await admin.listTopics()).filter((name) => name.startsWith(prefix));
  const ends = new Map<string, number>();
  for (const name of names) ends.set(name, (await admin.fetchTopicOffsets(name)).reduce((sum, partition) => sum + Number(partition.high), 0));
  const records = new Map<string, WireRecord[]>(names.map((name) => [name, []]));
  const consumer = kafka.consumer({ groupId: `e2e-wire-${run}-reader-${randomUUID().slice(0, 6)}` });
  await consumer.connect();
  await consumer.subscribe({ topics: names, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      records.get(topic)?.push({
        topic,
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? null,
        headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, Array.isArray(value) ? value.map(String).join(',') : String(value ?? '')])),
        value: message.value?.toString() ?? null,
      });
    },
  });
  try {
    await eventually('every record of the run read back', () => (names.every((name) => (records.get(name)?.length ?? 0) >= (ends.get(name) ?? 0)) ? true : undefined), 60_000);
  } finally {
    await consumer.disconnect();
  }
  return records;
}

describe('the records the services put on the broker', () => {
  it('are what contracts/asyncapi.yaml says, topic by topic and header by header', async () => {
    const publisher = await passwordToken('publisher.37');
    expect((await call(matching.url, 'POST', '/v1/offers', publisher, chinonPremises(`Cabinet fil ${run}`), { 'Idempotency-Key': `wire-${run}-offer` })).status).toBe(201);
    const ars = await clientCredentialsToken('partner-ars');
    const arsEvents = Object.entries(eventCatalogue).filter(([, entry]) => entry.topic === stakeholderTopics.ars).map(([type]) => type);
    const subscription = await call(notifications.url, 'POST', '/v1/subscriptions', ars, { url: receiver.url, eventTypes: arsEvents, territory: { departements: ['37'] } }, { 'Idempotency-Key': `wire-${run}-sub` });
    expect(subscription.status).toBe(201);
    receiver.setSecret(String(subscription.body.secret));

    const candidate = await passwordToken('interne.demo');
    const request = chinonRequest(
      { lastName: surname, email: `fil.${run}@example.org` },
      { premises: { premisesTypes: ['msp-room'], surfaceM2Min: 15, surfaceM2Max: 30, maxMonthlyRent: { amountCents: 60000, currency: 'EUR' }, availableFrom: '2027-11-02' } },
      { ars: true, cpam: true, ordre: true, collectivites: false },
    );
    const draft = await call(intake.url, 'POST', '/v1/requests', candidate, request, { 'Idempotency-Key': `wire-${run}-draft` });
    expect(draft.status).toBe(201);
    const requestId = String(draft.body.id);
    expect((await call(intake.url, 'POST', `/v1/requests/${requestId}/submit`, candidate, undefined, { 'If-Match': draft.etag ?? '' })).status).toBe(200);
    await eventually('the webhook delivered', () => receiver.deliveries.find((d) => JSON.stringify(d.body).includes(requestId)), 180_000);

    // A record that no consumer can read (its body is no request event): each consumer group of
    // intake.requests.v1 (matching's, notifications') dead-letters it.
    const rejectedKey = `wire-${run}-rejected`;
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: `${prefix}${topics.intakeRequests}`,
      messages: [{
        key: rejectedKey,
        value: 'ceci n’est pas une demande',
        headers: { ce_id: randomUUID(), ce_source: '/guichet/intake', ce_type: 'fr.sante.guichet.intake.request-submitted.v1', ce_specversion: '1.0', ce_time: new Date().toISOString(), ce_subject: rejectedKey, 'content-type': 'application/json' },
      }],
    });
    await producer.disconnect();
    const dlqTopic = `${prefix}${topics.intakeRequests}.dlq`;
    await eventually('the consumer groups dead-lettered the unreadable record', async () => {
      const offsets = await admin.fetchTopicOffsets(dlqTopic).catch(() => []);
      return offsets.reduce((sum, partition) => sum + Number(partition.high), 0) >= 2 ? true : undefined;
    }, 60_000);

    const records = await recordsOfRun();
    const topic = (name: string) => name.slice(prefix.length);
    const written = [...records].filter(([, list]) => list.length > 0).map(([name]) => topic(name)).sort();
    // The journey wrote on each kind of topic the services write, its request under its own id.
    const aboutRequest = [
      topics.intakeRequests,
      topics.matchingProposals,
      stakeholderTopics.ars,
      stakeholderTopics.cpam,
      stakeholderTopics.ordre,
      'stakeholder.ars.region-24.v1',
      'stakeholder.cpam.departement-37.v1',
      'stakeholder.ordre.departement-37.v1',
    ];
    expect(written).toEqual(expect.arrayContaining([...aboutRequest, topics.catalogueOffers, `${topics.intakeRequests}.dlq`]));
    const keyedByRequest = aboutRequest.filter((name) => records.get(`${prefix}${name}`)?.some((record) => record.key === requestId));
    expect(keyedByRequest).toEqual(aboutRequest);

    const differences = [...records].flatMap(([name, list]) => list.flatMap((record) => wireDifferences(record, topic(name))));
    expect(differences).toEqual([]);

    const deadLetters = records.get(dlqTopic) ?? [];
    // Once by each consumer group that read it, each naming itself.
    expect(deadLetters.length).toBeGreaterThanOrEqual(2);
    expect(deadLetters.every((record) => record.key === rejectedKey)).toBe(true);
    expect(new Set(deadLetters.map((record) => record.headers['dlq_consumer'])).size).toBe(deadLetters.length);
  });
});
