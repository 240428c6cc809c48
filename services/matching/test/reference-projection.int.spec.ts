import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { cloudEventSources, type AidScheme, type AidSchemeChanged } from '@guichet/contracts';
import { connectMongo, createKafka, createLogger, createProducer, Outbox, OutboxPublisher, type EventProducer, type KafkaClient, type MongoHandle, type RunningConsumer } from '@guichet/platform';
import { runReferenceProjection } from '../src/adapters/kafka/index.js';
import { matchingCollections, MongoAidSchemeStore, MongoZoningStore } from '../src/adapters/mongo/index.js';
import { ReferenceData } from '../src/application/reference-data.js';
import { localAid } from './aid-fixtures.js';
import { eventually, stackEnv, unique } from './support.js';

/**
 * The aid schemes and zoning each matching instance keeps in memory: the change the shared
 * re-matching group gives one instance reaches the others through their own group.
 */
describe('reference data of two instances', () => {
  const topic = unique('test.matching.reference.');
  const consumers: RunningConsumer[] = [];
  let kafka: KafkaClient;
  let producer: EventProducer;
  let mongo: MongoHandle;
  const logger = createLogger({ service: 'matching-test', level: 'warn' });

  beforeAll(async () => {
    kafka = createKafka({ brokers: stackEnv().KAFKA_BROKERS.split(','), clientId: 'matching-reference-test' });
    await kafka.ensureTopics([{ topic }]);
    producer = await createProducer(kafka);
    mongo = await connectMongo({ uri: stackEnv().MONGODB_URI, dbName: unique('matching_test_reference_') });
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await producer.disconnect();
    await mongo.db.dropDatabase();
    await mongo.close();
  });

  const referenceData = () => {
    const collections = matchingCollections(mongo);
    const outbox = new Outbox(mongo.db);
    const events = { outbox, publisher: new OutboxPublisher({ outbox, producer, topicOf: () => topic, logger }) };
    return new ReferenceData(new MongoAidSchemeStore(collections.aidSchemes, collections.aidSchemeClaims, events), new MongoZoningStore(collections.zoningImports, events));
  };

  it('gives every instance a scheme published once', async () => {
    const instances = [referenceData(), referenceData()];
    for (const [index, reference] of instances.entries()) consumers.push(await runReferenceProjection({ kafka, topic, groupId: unique(`test-matching-reference-${index}-`), instanceGroup: { stale: () => false }, reference, logger }));
    const scheme: AidScheme = localAid(unique('prime-'), 'commune', [{ communes: ['37072'] }]);
    const data: AidSchemeChanged = { schemeId: scheme.id, version: scheme.version, change: 'created', changedAt: new Date().toISOString(), scheme };
    await producer.publish(topic, [{ id: randomUUID(), type: 'fr.sante.guichet.catalogue.aid-scheme-changed.v1', source: cloudEventSources.matching, subject: scheme.id, time: data.changedAt, key: scheme.id, data }]);
    for (const reference of instances) {
      await eventually(() => {
        if (!reference.snapshot().catalogue.some((s) => s.id === scheme.id)) throw new Error(`${scheme.id} pas encore en mémoire`);
      });
    }
    expect(instances.map((reference) => reference.snapshot().catalogue.map((s) => s.id))).toEqual([[scheme.id], [scheme.id]]);
  });
});
