import { randomUUID } from 'node:crypto';
import { kafkaConnectionOptions } from '@guichet/platform';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import kafkajs, { type Admin, type KafkaMessage } from 'kafkajs';

// Proves the broker pin (Kafka 3.9.1, KRaft, single node) against the client the platform uses
// (kafkajs 2.2.4): idempotent produce, consumer groups with committed offsets, our topic set.

interface DeclaredTopic {
  readonly name: string;
  readonly partitions: number;
  readonly config: Readonly<Record<string, string>>;
}

const declared = (JSON.parse(readFileSync(new URL('../kafka/topics.json', import.meta.url), 'utf8')) as { topics: DeclaredTopic[] }).topics;

// CommonJS package: its named exports are not all visible to ESM, the default export has them all.
const { ConfigResourceTypes, Kafka, logLevel } = kafkajs;

const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
const kafka = new Kafka({ ...kafkaConnectionOptions(), clientId: 'infra-smoke', brokers, logLevel: logLevel.NOTHING });

interface Received {
  readonly key: string;
  readonly value: string;
  readonly eventId: string;
  readonly partition: number;
}

function toReceived(partition: number, message: KafkaMessage): Received {
  return {
    key: message.key?.toString() ?? '',
    value: message.value?.toString() ?? '',
    eventId: message.headers?.ce_id?.toString() ?? '',
    partition,
  };
}

async function consumeUntil(groupId: string, topic: string, count: number): Promise<Received[]> {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  const received: Received[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`received ${received.length} of ${count} messages`)), 45_000);
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            received.push(toReceived(partition, message));
            if (received.length >= count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

describe('local Kafka broker with kafkajs', () => {
  let admin: Admin;
  const topic = `infra-smoke.${randomUUID()}`;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('has every topic of infra/kafka/topics.json, DLQ twins included, with its partitions and retention', async () => {
    const names = declared.map((entry) => entry.name);
    // Partner streams per territory are read by partners only: no service of ours consumes them, so no dead letters.
    const partnerStream = /^stakeholder\.[a-z]+\.(region|departement)-[0-9AB]+\.v1$/;
    const consumedByServices = names.filter((name) => !name.endsWith('.dlq') && !partnerStream.test(name));
    expect(names.filter((name) => name.endsWith('.dlq')).sort()).toEqual(consumedByServices.map((name) => `${name}.dlq`).sort());
    const { topics } = await admin.fetchTopicMetadata({ topics: names });
    for (const entry of declared) {
      expect({ name: entry.name, partitions: topics.find((found) => found.name === entry.name)?.partitions.length }).toEqual({
        name: entry.name,
        partitions: entry.partitions,
      });
    }
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: declared.map((entry) => ({ type: ConfigResourceTypes.TOPIC, name: entry.name })),
    });
    for (const entry of declared) {
      const resource = configs.resources.find((found) => found.resourceName === entry.name);
      const retention = resource?.configEntries.find((config) => config.configName === 'retention.ms')?.configValue;
      expect({ name: entry.name, retention }).toEqual({ name: entry.name, retention: entry.config['retention.ms'] });
    }
  });

  it('delivers every message of an idempotent producer once, in order per key, to a consumer group, and resumes from committed offsets', async () => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const keys = ['case-a', 'case-b', 'case-c', 'case-d'];
    const batch = (from: number, count: number) =>
      Array.from({ length: count }, (_, index) => {
        const sequence = from + index;
        return {
          key: keys[sequence % keys.length] ?? 'case-a',
          value: JSON.stringify({ sequence }),
          headers: { ce_id: `event-${sequence}`, ce_type: 'fr.sante.guichet.infra.smoke.v1', 'content-type': 'application/json' },
        };
      });
    await producer.send({ topic, acks: -1, messages: batch(0, 20) });

    const groupId = `infra-smoke-${randomUUID()}`;
    const first = await consumeUntil(groupId, topic, 20);
    expect(new Set(first.map((message) => message.eventId)).size).toBe(20);
    for (const key of keys) {
      const sequences = first.filter((message) => message.key === key).map((message) => (JSON.parse(message.value) as { sequence: number }).sequence);
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
      expect(new Set(first.filter((message) => message.key === key).map((message) => message.partition)).size).toBe(1);
    }

    await producer.send({ topic, acks: -1, messages: batch(20, 4) });
    await producer.disconnect();
    const second = await consumeUntil(groupId, topic, 4);
    expect(second.map((message) => message.eventId).sort()).toEqual(['event-20', 'event-21', 'event-22', 'event-23']);
  });

  it('refuses to produce to a topic that was not declared (no auto-creation)', async () => {
    const producer = kafka.producer({ allowAutoTopicCreation: true, retry: { retries: 1, initialRetryTime: 100 } });
    await producer.connect();
    try {
      await expect(producer.send({ topic: `undeclared.${randomUUID()}`, messages: [{ value: 'x' }] })).rejects.toThrow();
    } finally {
      await producer.disconnect();
    }
    const names = await admin.listTopics();
    expect(names.filter((name) => name.startsWith('undeclared.'))).toEqual([]);
  });
});
