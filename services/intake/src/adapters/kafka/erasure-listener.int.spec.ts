import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cloudEventSources } from '@guichet/contracts';
import { createKafka, createLogger, createProducer, type KafkaClient, type RunningConsumer } from '@guichet/platform';
import { eventually } from '../test-support.js';
import { startErasureListener } from './erasure-listener.js';

// Two instances of intake hear every erasure on the real Kafka, whichever instance made it: each
// drops its copies of the case; their consumer groups are gone once they stop.

const run = randomUUID().slice(0, 8);
const topic = `intake.requests.erasures-${run}`;
const groups = `intake-erasures-test-${run}-`;
const logger = createLogger({ service: 'intake-test', level: 'silent' });
const brokers = (process.env.KAFKA_BROKERS ?? '').split(',');

let kafka: KafkaClient;
const instances: Array<{ client: KafkaClient; listener: RunningConsumer; forgotten: string[] }> = [];

const event = (type: string, caseId: string) => ({ id: randomUUID(), type, source: cloudEventSources.intake, subject: caseId, time: new Date().toISOString(), key: caseId, data: { requestId: caseId } });

beforeAll(async () => {
  kafka = createKafka({ brokers, clientId: `intake-erasures-${run}` });
  await kafka.ensureTopics([{ topic }, { topic: `${topic}.dlq` }]);
  for (const instance of ['intake-1', 'intake-2']) {
    const forgotten: string[] = [];
    const client = createKafka({ brokers, clientId: instance });
    const listener = await startErasureListener({ kafka: client, topic, groupId: `${groups}${instance}-${Date.now()}`, stalePrefix: groups, forget: (id) => forgotten.push(id), logger });
    instances.push({ client, listener, forgotten });
  }
});

afterAll(async () => {
  await Promise.all(instances.map(async ({ client, listener }) => {
    await listener.stop();
    await client.close();
  }));
  await kafka?.close();
});

describe('erasures heard by every instance', () => {
  it('makes each instance forget an erased case, and only that one', async () => {
    const producer = await createProducer(kafka);
    const [erased, other] = [randomUUID(), randomUUID()];
    // Sealed events are left alone: their data is not read.
    await producer.publish(topic, [event('fr.sante.guichet.intake.request-submitted.v1', other), event('fr.sante.guichet.intake.request-erased.v1', erased)]);
    await producer.disconnect();
    for (const { forgotten } of instances) await eventually(async () => (forgotten.includes(erased) ? true : undefined), 60_000);
    expect(instances.map(({ forgotten }) => forgotten)).toEqual([[erased], [erased]]);
  });

  it('leaves no consumer group behind once the instances stop', async () => {
    await Promise.all(instances.map(({ listener }) => listener.stop()));
    const { deleted, busy } = await kafka.deleteGroupsWithoutMembers((id) => id.startsWith(groups));
    expect({ deleted, busy }).toEqual({ deleted: [], busy: [] });
  });
});
