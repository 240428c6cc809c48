import { readFileSync } from 'node:fs';
import path from 'node:path';
import { infraDir } from './lib/paths.mjs';
import { StackError } from './lib/stack-error.mjs';

export const topicsFile = path.join(infraDir, 'kafka', 'topics.json');

export function declaredTopics() {
  return JSON.parse(readFileSync(topicsFile, 'utf8')).topics;
}

async function loadKafkajs() {
  try {
    // kafkajs is CommonJS and Node's named-export detection misses part of it: use the default export.
    return (await import('kafkajs')).default;
  } catch {
    throw new StackError('kafka: the npm package kafkajs is not installed (run `npm ci`), topics not created');
  }
}

/**
 * Makes the broker match infra/kafka/topics.json: creates missing topics, grows partitions,
 * sets the listed configs. Running it twice changes nothing.
 */
export async function ensureTopics(brokers, { clientId = 'guichet-stack' } = {}) {
  const { Kafka, logLevel, ConfigResourceTypes } = await loadKafkajs();
  const topics = declaredTopics();
  const kafka = new Kafka({
    clientId,
    brokers: brokers.split(',').map((broker) => broker.trim()),
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 300 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic: topic.name,
          numPartitions: topic.partitions,
          configEntries: Object.entries(topic.config ?? {}).map(([name, value]) => ({ name, value: String(value) })),
        })),
      });
    }
    const present = topics.filter((topic) => existing.has(topic.name));
    if (present.length === 0) return { created: missing.map((topic) => topic.name), updated: [] };

    const updated = new Set();
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics: present.map((topic) => topic.name) });
    const grow = present.filter((topic) => {
      const current = metadata.find((entry) => entry.name === topic.name)?.partitions.length ?? 0;
      return current < topic.partitions;
    });
    if (grow.length > 0) {
      await admin.createPartitions({ topicPartitions: grow.map((topic) => ({ topic: topic.name, count: topic.partitions })) });
      grow.forEach((topic) => updated.add(topic.name));
    }

    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: present.map((topic) => ({ type: ConfigResourceTypes.TOPIC, name: topic.name })),
    });
    const drifted = present.filter((topic) => {
      const resource = described.resources.find((entry) => entry.resourceName === topic.name);
      return Object.entries(topic.config ?? {}).some(([name, value]) => {
        const entry = resource?.configEntries.find((config) => config.configName === name);
        return entry?.configValue !== String(value);
      });
    });
    if (drifted.length > 0) {
      await admin.alterConfigs({
        validateOnly: false,
        resources: drifted.map((topic) => ({
          type: ConfigResourceTypes.TOPIC,
          name: topic.name,
          configEntries: Object.entries(topic.config ?? {}).map(([name, value]) => ({ name, value: String(value) })),
        })),
      });
      drifted.forEach((topic) => updated.add(topic.name));
    }
    return { created: missing.map((topic) => topic.name), updated: [...updated] };
  } catch (error) {
    if (error instanceof StackError) throw error;
    throw new StackError(`kafka: topics from ${path.relative(process.cwd(), topicsFile)} not applied: ${error.message}`);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
