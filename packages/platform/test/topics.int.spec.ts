import { afterAll, describe, expect, it } from '@jest/globals';
import { Kafka, logLevel } from 'kafkajs';
import { createKafka, kafkaConnectionOptions, type KafkaClient } from '../src/index.js';
import { deleteTopics, stackEnv, unique } from './support.js';

// Instances of services start side by side and each makes sure its topics exist: on new topics,
// none may fail its start, and each returns once every partition has a leader to write to.

const created: string[] = [];
const clients: KafkaClient[] = [];

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await deleteTopics(created);
});

describe('ensureTopics', () => {
  it('returns in every instance creating the same new topics at once, with a leader for each partition', async () => {
    for (let round = 0; round < 10; round += 1) {
      const topics = Array.from({ length: 30 }, () => unique('ensure-topics-'));
      created.push(...topics);
      const instances = Array.from({ length: 4 }, () => createKafka({ brokers: stackEnv().brokers, clientId: unique('ensure-') }));
      clients.push(...instances);
      await Promise.all(instances.map((client) => client.ensureTopics(topics.map((topic) => ({ topic, partitions: 3 })))));
      const admin = new Kafka({ ...kafkaConnectionOptions(), clientId: unique('ensure-check-'), brokers: stackEnv().brokers, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      await admin.disconnect();
      const led = found.map((topic) => ({ topic: topic.name, led: topic.partitions.filter((partition) => partition.leader >= 0).length }));
      expect(led.sort((a, b) => a.topic.localeCompare(b.topic))).toEqual([...topics].sort().map((topic) => ({ topic, led: 3 })));
    }
  });
});
