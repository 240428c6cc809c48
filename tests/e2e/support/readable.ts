import { inflateRawSync, inflateSync, gunzipSync } from 'node:zlib';
import { kafkaConnectionOptions } from '@guichet/platform';
import kafkajs from 'kafkajs';
import { Binary, MongoClient } from 'mongodb';

const { Kafka, logLevel } = kafkajs;

/** Where a needle was found, e.g. `topic erasure-1.intake.requests.v1 partition 0 offset 3` or `database x collection y _id z`. */
export type Finding = string;

// The product's topic families: topics of other test runs carry their own prefix and never this run's data.
const PRODUCT_TOPIC = /^(intake|matching|catalogue|stakeholder|notifications)\./;

/** Every text a byte string can be read as: itself, or what a usual compression of it holds. */
function readings(bytes: Buffer): string[] {
  const texts = [bytes.toString('utf8')];
  for (const inflate of [inflateRawSync, inflateSync, gunzipSync]) {
    try {
      texts.push(inflate(bytes).toString('utf8'));
    } catch {
      // not in this form
    }
  }
  return texts;
}

function found(texts: readonly string[], needles: readonly string[]): string[] {
  return needles.filter((needle) => texts.some((text) => text.includes(needle)));
}

/**
 * Reads from the beginning every topic of this run (its prefix) and every topic named as the
 * product names them, as the broker's administrator: key, headers and value of each record.
 */
export async function readableOnTopics(prefix: string, needles: readonly string[]): Promise<Finding[]> {
  const kafka = new Kafka({ ...kafkaConnectionOptions(), clientId: 'erasure-scan', brokers: (process.env.KAFKA_BROKERS ?? '').split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const names = (await admin.listTopics()).filter((name) => name.startsWith(prefix) || PRODUCT_TOPIC.test(name));
  const ends = new Map<string, number>();
  for (const topic of names) {
    for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) if (Number(high) > Number(low)) ends.set(`${topic}/${partition}`, Number(high));
  }
  await admin.disconnect();
  const findings: Finding[] = [];
  if (ends.size === 0) return findings;
  const consumer = kafka.consumer({ groupId: `erasure-scan-${Date.now()}-${Math.random().toString(36).slice(2)}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [...new Set([...ends.keys()].map((k) => k.slice(0, k.lastIndexOf('/'))))], fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachMessage: async ({ topic, partition, message }) => {
          const parts = [message.key, message.value, ...Object.values(message.headers ?? {}).flat()].filter((p): p is Buffer => Buffer.isBuffer(p));
          for (const needle of found(parts.flatMap(readings), needles)) findings.push(`topic ${topic} partition ${partition} offset ${message.offset}: ${needle}`);
          const slot = `${topic}/${partition}`;
          if (Number(message.offset) + 1 >= (ends.get(slot) ?? 0)) ends.delete(slot);
          if (ends.size === 0) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return findings;
}

function valueTexts(value: unknown): string[] {
  if (value instanceof Binary) return readings(Buffer.from(value.buffer));
  if (Buffer.isBuffer(value)) return readings(value);
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(valueTexts);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return Object.values(value).flatMap(valueTexts);
  return [];
}

/** Reads every document of every collection of the given databases, binaries included (inflated where they are). */
export async function readableInDatabases(databases: readonly string[], needles: readonly string[]): Promise<Finding[]> {
  const client = new MongoClient(process.env.MONGODB_URI ?? '');
  await client.connect();
  const findings: Finding[] = [];
  try {
    for (const name of databases) {
      const db = client.db(name);
      for (const { name: collection } of await db.listCollections({}, { nameOnly: true }).toArray()) {
        for await (const doc of db.collection(collection).find({})) {
          for (const needle of found(valueTexts(doc), needles)) findings.push(`database ${name} collection ${collection} _id ${String(doc._id)}: ${needle}`);
        }
      }
    }
  } finally {
    await client.close();
  }
  return findings;
}
