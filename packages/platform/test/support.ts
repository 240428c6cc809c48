import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { connectMongo, createKafka, createLogger, type KafkaClient, type Logger, type MongoHandle, kafkaConnectionOptions } from '../src/index.js';

export function stackEnv(): { brokers: string[]; mongoUri: string; keycloakUrl: string } {
  const { KAFKA_BROKERS, MONGODB_URI, KEYCLOAK_URL } = process.env;
  if (!KAFKA_BROKERS || !MONGODB_URI || !KEYCLOAK_URL) throw new Error('stack endpoints missing: run through jest (tests/harness/global-setup.ts)');
  return { brokers: KAFKA_BROKERS.split(','), mongoUri: MONGODB_URI, keycloakUrl: KEYCLOAK_URL };
}

export const unique = (prefix: string): string => `${prefix}${randomBytes(4).toString('hex')}`;

/** A logger whose lines are kept in memory, so a test can read what operators would see. */
export function memoryLogger(service = 'platform-test'): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ service, level: 'debug', destination }), lines };
}

export async function kafkaWithTopics(clientId: string, topics: readonly string[]): Promise<KafkaClient> {
  const kafka = createKafka({ brokers: stackEnv().brokers, clientId });
  await kafka.ensureTopics(topics.map((topic) => ({ topic, partitions: 1 })));
  return kafka;
}

export const testMongo = (): Promise<MongoHandle> => connectMongo({ uri: stackEnv().mongoUri, dbName: 'guichet_platform_test' });

export interface WireMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Reads a topic from the beginning with a bare kafkajs consumer: what any partner would see on
 * the wire, independent of the platform's own decoder.
 */
export async function readTopic(topic: string, atLeast: number, timeoutMs = 30_000): Promise<WireMessage[]> {
  const kafka = new Kafka({ ...kafkaConnectionOptions(), clientId: 'platform-test-reader', brokers: stackEnv().brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: unique('platform-test-reader-') });
  const received: WireMessage[] = [];
  const headerText = (headers: IHeaders | undefined) =>
    Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${topic}: ${received.length}/${atLeast} messages after ${timeoutMs} ms`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers: headerText(message.headers) });
          if (received.length >= atLeast) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

export { eventually } from '../../../tests/harness/eventually.js';

/** Messages ever written to a single-partition topic (its high watermark). */
export async function topicSize(topic: string): Promise<number> {
  const kafka = new Kafka({ ...kafkaConnectionOptions(), clientId: 'platform-test-admin', brokers: stackEnv().brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Removes a run's own topics (and their DLQ twins) so repeated runs leave the broker clean. */
export async function deleteTopics(topics: readonly string[]): Promise<void> {
  const kafka = new Kafka({ ...kafkaConnectionOptions(), clientId: 'platform-test-admin', brokers: stackEnv().brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const mine = topics.flatMap((topic) => [topic, `${topic}.dlq`]).filter((topic) => existing.has(topic));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine });
  } finally {
    await admin.disconnect();
  }
}
