import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SpanKind, trace } from '@opentelemetry/api';
import {
  applyOnce,
  createProducer,
  inEventContext,
  Outbox,
  outboxEntries,
  OutboxPublisher,
  runConsumer,
  startTelemetry,
  type EventProducer,
  type KafkaClient,
  type MongoHandle,
  type OutboxEntry,
  type ReadableSpan,
  type Telemetry,
} from '../src/index.js';
import { deleteTopics, eventually, kafkaWithTopics, memoryLogger, testMongo, unique } from './support.js';

interface CaseDocument {
  _id: string;
  status: string;
  outbox?: OutboxEntry[];
}

describe('one trace from the write to the consumer', () => {
  const topic = unique('test.platform.trace.');
  const { logger, lines } = memoryLogger('intake');
  let telemetry: Telemetry;
  let kafka: KafkaClient;
  let mongo: MongoHandle;
  let producer: EventProducer;
  const cases = unique('cases_');
  const views = unique('case_views_');
  const pending = unique('outbox_');

  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'platform-test', exporter: 'memory' });
    kafka = await kafkaWithTopics('platform-trace-test', [topic, `${topic}.dlq`]);
    mongo = await testMongo();
    producer = await createProducer(kafka);
  });
  afterAll(async () => {
    await mongo.db.dropCollection(cases);
    await mongo.db.dropCollection(views);
    await mongo.db.dropCollection(pending);
    await producer.disconnect();
    await kafka.close();
    await mongo.close();
    await telemetry.shutdown();
    await deleteTopics([topic]);
  });

  it('keeps the trace of the request that wrote an event through the outbox, the Kafka publish and the consumer’s work', async () => {
    const db = mongo.db;
    const outbox = new Outbox(db, { collection: pending });
    // Stands in for the SERVER span that the HTTP instrumentation opens in a service's process
    // (tests/e2e/trace.e2e.spec.ts follows the real one): this test runs the platform in-process.
    const traceId = await trace.getTracer('test').startActiveSpan('POST /requests', { kind: SpanKind.SERVER }, async (span) => {
      const id = 'r-trace';
      const submitted = {
        id: unique('e-'),
        type: 'fr.sante.guichet.intake.request-submitted.v1',
        source: '/guichet/intake',
        subject: `requests/${id}`,
        time: '2026-11-23T12:00:00.000Z',
        key: id,
        data: { requestId: id },
      };
      await outbox.announce(cases, id);
      await db.collection<CaseDocument>(cases).insertOne({ _id: id, status: 'submitted', outbox: outboxEntries([submitted]) });
      logger.info('demande enregistrée');
      span.end();
      return span.spanContext().traceId;
    });

    // Published by a sweep, away from the request: the trace stored with the event parents its send.
    const publisher = new OutboxPublisher({ outbox, producer, topicOf: () => topic, logger, sweepAfterMs: 0 });
    expect(await publisher.sweep()).toBe(1);

    const consumed: string[] = [];
    const consumer = await runConsumer({
      kafka,
      groupId: unique('platform-test-trace-'),
      topics: [topic],
      logger,
      handle: async (event) => {
        await applyOnce(db.collection<{ _id: string; status?: string }>(views), { _id: event.key ?? '' }, event.id, { $set: { status: 'seen' } }, { upsert: true });
        consumed.push(event.id);
      },
    });
    try {
      await eventually(() => expect(consumed).toHaveLength(1));
    } finally {
      await consumer.stop();
    }

    const spans = telemetry.memoryExporter!.getFinishedSpans();
    const find = (predicate: (span: ReadableSpan) => boolean, what: string): ReadableSpan => {
      const found = spans.find(predicate);
      if (!found) throw new Error(`no ${what} span among ${spans.map((s) => s.name).join(', ')}`);
      return found;
    };
    const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
    const idOf = (span: ReadableSpan) => span.spanContext().spanId;

    const server = find((s) => s.kind === SpanKind.SERVER && s.name === 'POST /requests', 'request');
    const publish = find((s) => s.kind === SpanKind.PRODUCER && s.name === `send ${topic}`, 'Kafka publish');
    const processing = find((s) => s.kind === SpanKind.CONSUMER && s.name === `process ${topic}`, 'Kafka process');

    for (const span of [publish, processing]) expect(span.spanContext().traceId).toBe(traceId);
    expect(parentOf(publish)).toBe(idOf(server));
    expect(parentOf(processing)).toBe(idOf(publish));

    const logged = lines.find((line) => line['msg'] === 'demande enregistrée');
    expect(logged).toMatchObject({ service: 'intake', trace_id: traceId, span_id: idOf(server) });
  });

  it('keeps each message of a batch handled together in its own producer’s trace, the batch span linked to them all', async () => {
    const db = mongo.db;
    const requests = ['r-batch-1', 'r-batch-2'];
    const producers = new Map<string, string>();
    for (const id of requests) {
      await trace.getTracer('test').startActiveSpan(`submit ${id}`, async (span) => {
        producers.set(id, span.spanContext().traceId);
        await producer.publish(topic, [{ id: unique('e-'), type: 'fr.sante.guichet.intake.request-submitted.v1', source: '/guichet/intake', subject: `requests/${id}`, time: '2026-11-23T12:00:00.000Z', key: id, data: { requestId: id } }]);
        span.end();
      });
    }
    const stamped = new Map<string, string | undefined>();
    const consumer = await runConsumer({
      kafka,
      groupId: unique('platform-test-batch-trace-'),
      topics: [topic],
      logger,
      handle: async () => {
        throw new Error('handled one by one: the batch path was not taken');
      },
      handleBatch: async (events) => {
        await Promise.all(
          events
            .filter((event) => requests.includes(event.key ?? ''))
            .map((event) =>
              // A copy, as a consumer that opens sealed payloads hands over: it keeps its event's trace.
              inEventContext({ ...event }, async () => {
                await db.collection<{ _id: string; outbox: unknown[] }>(views).updateOne({ _id: event.key ?? '' }, { $set: { outbox: outboxEntries([{ ...event, id: unique('out-'), key: event.key ?? '', subject: event.subject ?? '', time: event.time ?? '' }]) } }, { upsert: true });
                logger.info({ eventId: event.id }, 'message du lot traité');
                stamped.set(event.key ?? '', trace.getActiveSpan()?.spanContext().traceId);
              }),
            ),
        );
      },
    });
    try {
      await eventually(() => expect(stamped.size).toBe(2));
    } finally {
      await consumer.stop();
    }

    const spans = telemetry.memoryExporter!.getFinishedSpans();
    for (const id of requests) {
      const traceId = producers.get(id);
      expect(stamped.get(id)).toBe(traceId);
      const processing = spans.find((s) => s.kind === SpanKind.CONSUMER && s.spanContext().traceId === traceId);
      expect(processing?.name).toBe(`process ${topic}`);
      const stored = await db.collection<{ _id: string; outbox: Array<{ traceparent?: string }> }>(views).findOne({ _id: id });
      expect(stored?.outbox[0]?.traceparent).toContain(traceId);
      expect(lines.find((line) => line['msg'] === 'message du lot traité' && line['trace_id'] === traceId)).toBeDefined();
    }
    const batch = spans.find((s) => s.kind === SpanKind.CONSUMER && s.attributes['messaging.batch.message_count'] !== undefined && s.links.length >= 2);
    expect(batch).toBeDefined();
    expect(batch!.parentSpanContext).toBeUndefined();
    const linked = batch!.links.map((link) => link.context.traceId);
    for (const id of requests) expect(linked).toContain(producers.get(id));
  });
});
