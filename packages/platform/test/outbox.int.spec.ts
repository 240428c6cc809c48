import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  applyOnce,
  createProducer,
  Outbox,
  outboxEntries,
  OutboxPublisher,
  runConsumer,
  startTelemetry,
  type ApplyOutcome,
  type EventProducer,
  type KafkaClient,
  type MongoHandle,
  type OutboundEvent,
  type Telemetry,
} from '../src/index.js';
import { deleteTopics, eventually, kafkaWithTopics, memoryLogger, readTopic, testMongo, topicSize, unique } from './support.js';

interface ProjectionDocument {
  _id: string;
  eventsApplied: number;
  lastType?: string;
  processedEventIds?: string[];
}

const event = (requestId: string, id: string, name: string, data: Record<string, unknown>): OutboundEvent => ({
  id,
  type: `fr.sante.guichet.intake.${name}.v1`,
  source: '/guichet/intake',
  subject: `requests/${requestId}`,
  time: '2026-11-23T10:00:00.000Z',
  key: requestId,
  data,
});

describe('events from the outbox on the wire, applied once by a consumer', () => {
  const { logger } = memoryLogger();
  const topic = unique('test.platform.outbox.');
  let telemetry: Telemetry;
  let kafka: KafkaClient;
  let mongo: MongoHandle;
  let producer: EventProducer;
  const collections: string[] = [];
  const collection = <T extends object>(prefix: string) => {
    const name = unique(prefix);
    collections.push(name);
    return mongo.db.collection<T>(name);
  };

  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'platform-test', exporter: 'none' });
    kafka = await kafkaWithTopics('platform-outbox-test', [topic, `${topic}.dlq`]);
    mongo = await testMongo();
    producer = await createProducer(kafka);
  });

  afterAll(async () => {
    for (const name of collections) await mongo.db.dropCollection(name);
    await producer.disconnect();
    await kafka.close();
    await mongo.close();
    await telemetry.shutdown();
    await deleteTopics([topic]);
  });

  it('publishes a write’s events once, in order, as CloudEvents, and a consumer applies each once even when delivered twice', async () => {
    const outbox = new Outbox(mongo.db, { collection: unique('outbox_') });
    collections.push(outbox.pending.collectionName);
    const projections = collection<ProjectionDocument>('projections_');
    const submitted = event('r-1', unique('e-'), 'request-submitted', { requestId: 'r-1', departement: '37' });
    const statusChanged = event('r-1', unique('e-'), 'request-status-changed', { requestId: 'r-1', status: 'in-review' });
    const entries = outboxEntries([submitted, statusChanged]);
    expect(await outbox.append('r-1@1', entries)).toBe('inserted');

    const publisher = new OutboxPublisher({ outbox, producer, topicOf: () => topic, logger, sweepAfterMs: 0 });
    expect(await publisher.backlog()).toBe(1);
    await publisher.publish('r-1@1', entries);
    expect(await publisher.backlog()).toBe(0);
    expect(await topicSize(topic)).toBe(2);

    const onTheWire = await readTopic(topic, 2);
    expect(onTheWire.map((m) => m.headers['ce_id'])).toEqual([submitted.id, statusChanged.id]);
    expect(onTheWire[0]).toEqual({
      key: 'r-1',
      value: JSON.stringify(submitted.data),
      headers: {
        ce_specversion: '1.0',
        ce_id: submitted.id,
        ce_source: '/guichet/intake',
        ce_type: 'fr.sante.guichet.intake.request-submitted.v1',
        ce_subject: 'requests/r-1',
        ce_time: '2026-11-23T10:00:00.000Z',
        'content-type': 'application/json',
        traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/),
      },
    });

    // A publisher that stopped after sending but before settling leaves the write to a sweep, which sends it again.
    await outbox.append('r-1@1', entries);
    expect(await publisher.sweep()).toBe(1);
    expect(await topicSize(topic)).toBe(4);

    const outcomes: Array<[string, ApplyOutcome]> = [];
    const consumer = await runConsumer({
      kafka,
      groupId: unique('platform-test-projector-'),
      topics: [topic],
      logger,
      handle: async (received) => {
        const outcome = await applyOnce(
          projections,
          { _id: received.key ?? '' },
          received.id,
          { $inc: { eventsApplied: 1 }, $set: { lastType: received.type } },
          { upsert: true },
        );
        outcomes.push([received.id, outcome]);
      },
    });
    try {
      await eventually(() => expect(outcomes).toHaveLength(4));
    } finally {
      await consumer.stop();
    }
    expect(outcomes).toEqual([
      [submitted.id, 'applied'],
      [statusChanged.id, 'applied'],
      [submitted.id, 'duplicate'],
      [statusChanged.id, 'duplicate'],
    ]);
    expect(await projections.findOne({ _id: 'r-1' })).toEqual({
      _id: 'r-1',
      eventsApplied: 2,
      lastType: 'fr.sante.guichet.intake.request-status-changed.v1',
      processedEventIds: [submitted.id, statusChanged.id],
    });
  });
});

describe('applyOnce on the MongoDB-wire server', () => {
  let mongo: MongoHandle;
  const name = unique('apply_once_');
  beforeAll(async () => {
    mongo = await testMongo();
  });
  afterAll(async () => {
    await mongo.db.dropCollection(name);
    await mongo.close();
  });

  it('keeps only the most recent ids, still refuses a recent duplicate, and reports a missing document', async () => {
    const counters = mongo.db.collection<ProjectionDocument>(name);
    await counters.insertOne({ _id: 'c-1', eventsApplied: 0 });
    for (const id of ['e1', 'e2', 'e3', 'e4', 'e5']) {
      expect(await applyOnce(counters, { _id: 'c-1' }, id, { $inc: { eventsApplied: 1 } }, { window: 3 })).toBe('applied');
    }
    expect(await applyOnce(counters, { _id: 'c-1' }, 'e5', { $inc: { eventsApplied: 1 } }, { window: 3 })).toBe('duplicate');
    expect(await counters.findOne({ _id: 'c-1' })).toEqual({ _id: 'c-1', eventsApplied: 5, processedEventIds: ['e3', 'e4', 'e5'] });
    expect(await applyOnce(counters, { _id: 'absent' }, 'e1', { $inc: { eventsApplied: 1 } })).toBe('not-found');
  });
});
