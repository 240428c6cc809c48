import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  applyOnce,
  createProducer,
  OutboxRelay,
  runConsumer,
  startTelemetry,
  withOutbox,
  type ApplyOutcome,
  type EventProducer,
  type KafkaClient,
  type MongoHandle,
  type OutboundEvent,
  type OutboxDocument,
  type Telemetry,
} from '../src/index.js';
import { deleteTopics, eventually, kafkaWithTopics, memoryLogger, readTopic, testMongo, topicSize, unique } from './support.js';

interface RequestDocument extends OutboxDocument {
  _id: string;
  status: string;
  version: number;
}

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

describe('single-document outbox on the real stack', () => {
  const { logger } = memoryLogger();
  const topic = unique('test.platform.outbox.');
  const crashTopic = unique('test.platform.crash.');
  let telemetry: Telemetry;
  let kafka: KafkaClient;
  let mongo: MongoHandle;
  let producer: EventProducer;
  const collections: string[] = [];
  const collection = <T extends object>(prefix: string) => {
    const name = unique(prefix);
    collections.push(name);
    return mongo.connection.db!.collection<T>(name);
  };

  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'platform-test', exporter: 'none' });
    kafka = await kafkaWithTopics('platform-outbox-test', [topic, `${topic}.dlq`, crashTopic]);
    mongo = await testMongo();
    producer = await createProducer(kafka);
  });

  afterAll(async () => {
    for (const name of collections) await mongo.connection.db!.dropCollection(name);
    await producer.disconnect();
    await kafka.close();
    await mongo.close();
    await telemetry.shutdown();
    await deleteTopics([topic, crashTopic]);
  });

  it('publishes a write’s events once, in order, as CloudEvents, and a consumer applies each once even when delivered twice', async () => {
    const requests = collection<RequestDocument>('requests_');
    const projections = collection<ProjectionDocument>('projections_');
    const submitted = event('r-1', unique('e-'), 'request-submitted', { requestId: 'r-1', departement: '37' });
    const statusChanged = event('r-1', unique('e-'), 'request-status-changed', { requestId: 'r-1', status: 'in-review' });
    await requests.insertOne({ _id: 'r-1', status: 'draft', version: 1, outbox: [] });

    const write = await requests.updateOne(
      { _id: 'r-1', version: 1 },
      withOutbox<RequestDocument>({ $set: { status: 'submitted' }, $inc: { version: 1 } }, [submitted, statusChanged]),
    );
    expect(write.modifiedCount).toBe(1);

    const relay = new OutboxRelay({ collection: requests, producer, topicOf: () => topic, logger });
    expect(await relay.backlog()).toBe(2);
    expect(await relay.publishPending()).toBe(2);
    expect(await relay.backlog()).toBe(0);
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

    // A relay that crashed after publishing but before removing republishes the same entries.
    const stored = await requests.findOne({ _id: 'r-1' });
    expect(stored?.outbox).toEqual([]);
    const republished = [submitted, statusChanged].map((e) => ({ ...e, traceparent: onTheWire[0]!.headers['traceparent'] }));
    await requests.updateOne({ _id: 'r-1' }, { $push: { outbox: { $each: republished } } });
    expect(await relay.publishPending()).toBe(2);
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

  it('loses nothing when the process dies between the write and the publish', async () => {
    const requests = collection<RequestDocument>('requests_');
    const dying = new OutboxRelay({ collection: requests, producer, topicOf: () => crashTopic, logger, pollIntervalMs: 50 });
    dying.start();
    await dying.stop();

    const events = [
      event('r-2', unique('e-'), 'request-submitted', { requestId: 'r-2' }),
      event('r-2', unique('e-'), 'request-withdrawn', { requestId: 'r-2' }),
    ];
    await requests.insertOne({ _id: 'r-2', status: 'draft', version: 1 });
    await requests.updateOne({ _id: 'r-2' }, withOutbox<RequestDocument>({ $set: { status: 'withdrawn' } }, events));
    expect(await topicSize(crashTopic)).toBe(0);

    const restarted = new OutboxRelay({ collection: requests, producer, topicOf: () => crashTopic, logger, pollIntervalMs: 50 });
    restarted.start();
    try {
      await eventually(async () => expect(await restarted.backlog()).toBe(0));
    } finally {
      await restarted.stop();
    }
    const onTheWire = await readTopic(crashTopic, 2);
    expect(onTheWire.map((m) => m.headers['ce_id'])).toEqual(events.map((e) => e.id));
    expect(await topicSize(crashTopic)).toBe(2);
  });
});

describe('applyOnce on the MongoDB-wire server', () => {
  let mongo: MongoHandle;
  const name = unique('apply_once_');
  beforeAll(async () => {
    mongo = await testMongo();
  });
  afterAll(async () => {
    await mongo.connection.db!.dropCollection(name);
    await mongo.close();
  });

  it('keeps only the most recent ids, still refuses a recent duplicate, and reports a missing document', async () => {
    const counters = mongo.connection.db!.collection<ProjectionDocument>(name);
    await counters.insertOne({ _id: 'c-1', eventsApplied: 0 });
    for (const id of ['e1', 'e2', 'e3', 'e4', 'e5']) {
      expect(await applyOnce(counters, { _id: 'c-1' }, id, { $inc: { eventsApplied: 1 } }, { window: 3 })).toBe('applied');
    }
    expect(await applyOnce(counters, { _id: 'c-1' }, 'e5', { $inc: { eventsApplied: 1 } }, { window: 3 })).toBe('duplicate');
    expect(await counters.findOne({ _id: 'c-1' })).toEqual({ _id: 'c-1', eventsApplied: 5, processedEventIds: ['e3', 'e4', 'e5'] });
    expect(await applyOnce(counters, { _id: 'absent' }, 'e1', { $inc: { eventsApplied: 1 } })).toBe('not-found');
  });
});
