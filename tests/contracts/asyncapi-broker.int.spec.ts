import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import kafkajs from 'kafkajs';
import { channelPromises, declaredTopics } from './asyncapi-channels.js';

/**
 * contracts/asyncapi.yaml is what partners and the other teams read; infra/kafka/topics.json is
 * what the stack creates; the broker is what runs. The three say the same, or this fails with
 * every difference listed. (Replicas are left out: the local broker is one node, production sets
 * them.)
 */
const { Kafka, logLevel, ConfigResourceTypes } = kafkajs;
const promises = channelPromises();
const declared = declaredTopics();
const { KAFKA_BROKERS = '', KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME = '', KAFKA_SASL_PASSWORD = '' } = process.env;
// A broker with authentication (SCRAM) is read with the stack's admin principal, as the stack does.
const sasl = KAFKA_SASL_MECHANISM === 'SCRAM-SHA-512' ? { sasl: { mechanism: 'scram-sha-512' as const, username: KAFKA_SASL_USERNAME, password: KAFKA_SASL_PASSWORD } } : {};
const admin = new Kafka({ clientId: 'contract-check', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING, ...sasl }).admin();

beforeAll(() => admin.connect());
afterAll(() => admin.disconnect());

describe('the AsyncAPI contract, topics.json and the broker', () => {
  it('name the same topics', () => {
    expect(declared.map((t) => t.name).sort()).toEqual(promises.map((p) => p.topic).sort());
  });

  it('give each topic the same partitions and settings', async () => {
    const metadata = await admin.fetchTopicMetadata({ topics: promises.map((p) => p.topic) });
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: promises.map((p) => ({ type: ConfigResourceTypes.TOPIC, name: p.topic, configNames: Object.keys(p.config) })),
    });
    const differences: string[] = [];
    for (const promise of promises) {
      const file = declared.find((t) => t.name === promise.topic);
      const broker = metadata.topics.find((t) => t.name === promise.topic);
      const brokerConfig = Object.fromEntries(configs.resources.find((r) => r.resourceName === promise.topic)?.configEntries.map((e) => [e.configName, e.configValue]) ?? []);
      if (file?.partitions !== promise.partitions) differences.push(`${promise.topic}: partitions ${promise.partitions} in the contract, ${String(file?.partitions)} in topics.json`);
      if (broker?.partitions.length !== promise.partitions) differences.push(`${promise.topic}: partitions ${promise.partitions} in the contract, ${String(broker?.partitions.length)} on the broker`);
      for (const [name, value] of Object.entries(promise.config)) {
        if (brokerConfig[name] !== value) differences.push(`${promise.topic}: ${name} ${value} in the contract, ${String(brokerConfig[name])} on the broker`);
      }
      for (const [name, value] of Object.entries(file?.config ?? {})) {
        if (promise.config[name] !== String(value)) differences.push(`${promise.topic}: ${name} ${String(value)} in topics.json, ${String(promise.config[name])} in the contract`);
      }
    }
    expect(differences).toEqual([]);
  });
});
