import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kafka, logLevel } from 'kafkajs';
import {
  createProducer,
  runConsumer,
  startTelemetry,
  UnprocessableEvent,
  type EventProducer,
  type InboundEvent,
  type KafkaClient,
  type OutboundEvent,
  type Telemetry,
kafkaConnectionOptions } from '../src/index.js';
import { deleteTopics, eventually, kafkaWithTopics, memoryLogger, readTopic, stackEnv, unique } from './support.js';

const event = (id: string, data: unknown): OutboundEvent => ({
  id,
  type: 'fr.sante.guichet.matching.proposals-computed.v1',
  source: '/guichet/matching',
  subject: 'requests/r-9',
  time: '2026-11-23T11:00:00.000Z',
  key: 'r-9',
  data,
});

const validate = (received: InboundEvent) => {
  const data = received.data as { requestId?: unknown };
  return typeof data.requestId === 'string' ? ({ ok: true } as const) : { ok: false as const, reasons: ['requestId : champ obligatoire absent'] };
};

describe('consumer runner on the real broker', () => {
  const { logger } = memoryLogger();
  let telemetry: Telemetry;
  let kafka: KafkaClient;
  let producer: EventProducer;
  const topics: string[] = [];

  const newTopic = async () => {
    const topic = unique('test.platform.consumer.');
    await kafka.ensureTopics([topic, `${topic}.dlq`].map((t) => ({ topic: t, partitions: 1 })));
    topics.push(topic);
    return topic;
  };

  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'platform-test', exporter: 'none' });
    kafka = await kafkaWithTopics('platform-consumer-test', []);
    producer = await createProducer(kafka);
  });
  afterAll(async () => {
    await producer.disconnect();
    await kafka.close();
    await telemetry.shutdown();
    await deleteTopics(topics);
  });

  it('sends invalid and repeatedly failing messages to the DLQ with their reason, retries transient failures, and handles the rest', async () => {
    const topic = await newTopic();
    const raw = new Kafka({ ...kafkaConnectionOptions(), clientId: 'platform-test-raw', brokers: stackEnv().brokers, logLevel: logLevel.NOTHING }).producer();
    await raw.connect();
    await raw.send({ topic, messages: [{ key: 'r-9', value: 'ceci n’est pas un CloudEvent' }] });
    await raw.disconnect();
    const invalid = event(unique('e-'), { status: 'sans identifiant' });
    const flaky = event(unique('e-'), { requestId: 'r-9' });
    const poison = event(unique('e-'), { requestId: 'r-9' });
    const fine = event(unique('e-'), { requestId: 'r-9' });
    await producer.publish(topic, [invalid, flaky, poison, fine]);

    const attempts = new Map<string, number>();
    const handled: string[] = [];
    const consumer = await runConsumer({
      kafka,
      groupId: unique('platform-test-dlq-'),
      topics: [topic],
      logger,
      validate,
      retries: 2,
      backoff: { initialMs: 10, maxMs: 50 },
      handle: async (received) => {
        const attempt = (attempts.get(received.id) ?? 0) + 1;
        attempts.set(received.id, attempt);
        if (received.id === flaky.id && attempt < 3) throw new Error('base momentanément indisponible');
        if (received.id === poison.id) throw new Error('proposition incohérente');
        handled.push(received.id);
      },
    });
    try {
      await eventually(() => expect(handled).toEqual([flaky.id, fine.id]));
    } finally {
      await consumer.stop();
    }
    expect(attempts.get(invalid.id)).toBeUndefined();
    expect(attempts.get(poison.id)).toBe(3);

    const dead = await readTopic(`${topic}.dlq`, 3);
    expect(dead.map((m) => m.headers['dlq_reason'])).toEqual([
      expect.stringContaining('en-tête ce_id absent'),
      'requestId : champ obligatoire absent',
      'échec du traitement après 3 tentative(s) : proposition incohérente',
    ]);
    expect(dead[0]).toMatchObject({ key: 'r-9', value: 'ceci n’est pas un CloudEvent', headers: { dlq_source_topic: topic, dlq_source_partition: '0', dlq_source_offset: '0' } });
    expect(dead[1]).toMatchObject({
      value: JSON.stringify(invalid.data),
      headers: { ce_id: invalid.id, ce_type: invalid.type, ce_source: invalid.source, ce_specversion: '1.0', dlq_source_offset: '1' },
    });
    expect(dead[2]!.headers).toMatchObject({ ce_id: poison.id, traceparent: expect.any(String), dlq_source_offset: '3' });
  });

  it('hands the valid events of a fetched batch over together, in order, and one by one when a batch keeps failing', async () => {
    const topic = await newTopic();
    const [a, b, c, poison, d, e] = Array.from({ length: 6 }, () => event(unique('e-'), { requestId: 'r-9' }));
    const invalid = event(unique('e-'), { status: 'sans identifiant' });
    await producer.publish(topic, [a!, invalid, b!, poison!, c!]);
    const batches: string[][] = [];
    const single: string[] = [];
    const consumer = await runConsumer({
      kafka,
      groupId: unique('platform-test-batch-'),
      topics: [topic],
      logger,
      validate,
      retries: 1,
      backoff: { initialMs: 10, maxMs: 20 },
      handleBatch: async (events) => {
        if (events.some((received) => received.id === poison!.id)) throw new Error('lot refusé');
        batches.push(events.map((received) => received.id));
      },
      handle: async (received) => {
        if (received.id === poison!.id) throw new Error('proposition incohérente');
        single.push(received.id);
      },
    });
    try {
      await eventually(() => expect(single).toEqual([a!.id, b!.id, c!.id]));
      await producer.publish(topic, [d!, e!]);
      await eventually(() => expect(batches.flat()).toEqual([d!.id, e!.id]));
    } finally {
      await consumer.stop();
    }
    const dead = await readTopic(`${topic}.dlq`, 2);
    expect(dead.map((m) => m.headers['dlq_reason'])).toEqual(['requestId : champ obligatoire absent', 'échec du traitement après 2 tentative(s) : proposition incohérente']);
  });

  it('handles a batch that takes longer than the session timeout once, the member staying in its group', async () => {
    const topic = await newTopic();
    const slow = event(unique('e-'), { requestId: 'r-9' });
    await producer.publish(topic, [slow]);
    const handled: string[] = [];
    const consumer = await runConsumer({
      kafka,
      groupId: unique('platform-test-slow-batch-'),
      topics: [topic],
      logger,
      // The broker's smallest session timeout (group.min.session.timeout.ms): the batch lasts longer.
      sessionTimeoutMs: 6000,
      handleBatch: async (events) => {
        handled.push(...events.map((received) => received.id));
        await new Promise((resolve) => setTimeout(resolve, 9000));
      },
      handle: async (received) => {
        handled.push(received.id);
      },
    });
    try {
      await eventually(() => expect(handled).toEqual([slow.id]));
      // Long enough for a dropped member to rejoin and be given the batch again.
      await new Promise((resolve) => setTimeout(resolve, 20_000));
      expect(handled).toEqual([slow.id]);
    } finally {
      await consumer.stop();
    }
  }, 60_000);

  it('sends a handler’s declared unprocessable event to the DLQ without retrying', async () => {
    const topic = await newTopic();
    const orphan = event(unique('e-'), { requestId: 'inconnue' });
    await producer.publish(topic, [orphan]);
    let calls = 0;
    const consumer = await runConsumer({
      kafka,
      groupId: unique('platform-test-unprocessable-'),
      topics: [topic],
      logger,
      retries: 5,
      handle: async () => {
        calls += 1;
        throw new UnprocessableEvent('demande inconnue : r-9');
      },
    });
    try {
      const [dead] = await readTopic(`${topic}.dlq`, 1);
      expect(dead!.headers['dlq_reason']).toBe('échec du traitement après 1 tentative(s) : demande inconnue : r-9');
    } finally {
      await consumer.stop();
    }
    expect(calls).toBe(1);
  });

  it('gathers the events published within its wait into one fetch and one batch when asked to', async () => {
    const topic = await newTopic();
    const batches: string[][] = [];
    const consumer = await runConsumer({
      kafka,
      groupId: unique('platform-test-gather-'),
      topics: [topic],
      logger,
      gatherMs: 2000,
      handle: async (received) => void batches.push([received.id]),
      handleBatch: async (events) => void batches.push(events.map((received) => received.id)),
    });
    try {
      const ids = [unique('e-'), unique('e-'), unique('e-'), unique('e-'), unique('e-')];
      for (const id of ids) {
        await producer.publish(topic, [event(id, { requestId: 'r-9' })]);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await eventually(() => expect(batches.flat()).toEqual(ids), 10_000);
      // A wait that ended among the sends splits them in two at most: the next one outlasts them all.
      expect(batches.length).toBeLessThanOrEqual(2);
    } finally {
      await consumer.stop();
    }
  });

  it('commits what it handled while it runs, in a second or so, though no further event comes', async () => {
    const topic = await newTopic();
    const groupId = unique('platform-test-commit-');
    const handled: string[] = [];
    const consumer = await runConsumer({ kafka, groupId, topics: [topic], logger, handle: async (received) => void handled.push(received.id) });
    try {
      for (const id of [unique('e-'), unique('e-'), unique('e-')]) await producer.publish(topic, [event(id, { requestId: 'r-9' })]);
      await eventually(() => expect(handled).toHaveLength(3));
      const lagOf = async () => (await kafka.consumerLag()).filter((row) => row.group === groupId);
      const lag = await eventually(async () => {
        const rows = await lagOf();
        expect(rows.map((row) => row.lag)).toEqual([0]);
        return rows;
      }, 5_000);
      expect(lag).toEqual([{ group: groupId, topic, partition: 0, lag: 0 }]);
    } finally {
      await consumer.stop();
    }
  });

  it('stops after the in-flight message and commits it, so a restarted group neither loses nor repeats it', async () => {
    const topic = await newTopic();
    const groupId = unique('platform-test-stop-');
    const [first, second, third] = [unique('e-'), unique('e-'), unique('e-')].map((id) => event(id, { requestId: 'r-9' }));
    const handled: string[] = [];
    const sequence: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => {
      started = resolve;
    });

    const consumer = await runConsumer({
      kafka,
      groupId,
      topics: [topic],
      logger,
      handle: async (received) => {
        if (received.id === first!.id) {
          started();
          await released;
          sequence.push('handler finished');
        }
        handled.push(received.id);
      },
    });
    await producer.publish(topic, [first!, second!]);
    await inFlight;
    const stopping = consumer.stop().then(() => sequence.push('stopped'));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await stopping;
    expect(sequence).toEqual(['handler finished', 'stopped']);

    await producer.publish(topic, [third!]);
    const restarted = await runConsumer({ kafka, groupId, topics: [topic], logger, handle: async (received) => void handled.push(received.id) });
    try {
      await eventually(() => expect(handled).toContain(third!.id));
    } finally {
      await restarted.stop();
    }
    expect(handled).toEqual([first!.id, second!.id, third!.id]);
  });
});
