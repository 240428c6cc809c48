import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { trace } from '@opentelemetry/api';
import {
  ClaimedRevisions,
  claimKey,
  createProducer,
  Outbox,
  outboxEntries,
  OutboxPublisher,
  startTelemetry,
  type EventProducer,
  type KafkaClient,
  type MongoHandle,
  type OutboundEvent,
  type RevisionClaim,
  type Telemetry,
} from '../src/index.js';
import { deleteTopics, eventually, kafkaWithTopics, memoryLogger, readTopic, testMongo, topicSize, unique } from './support.js';

interface CaseDocument {
  _id: string;
  revision?: number;
  status: string;
}

const event = (caseId: string, name: string): OutboundEvent => ({
  id: unique('e-'),
  type: `fr.sante.guichet.intake.${name}.v1`,
  source: '/guichet/intake',
  subject: caseId,
  time: '2026-11-23T10:00:00.000Z',
  key: caseId,
  data: { requestId: caseId, name },
});

const ids = (messages: ReadonlyArray<{ headers: Record<string, string> }>): string[] => messages.map((message) => message.headers['ce_id'] ?? '');

describe('the outbox: events written with the state, published after the commit or by the sweep', () => {
  const { logger } = memoryLogger();
  const topics: string[] = [];
  let telemetry: Telemetry;
  let kafka: KafkaClient;
  let mongo: MongoHandle;
  let producer: EventProducer;
  const dropped: string[] = [];

  /** A fresh outbox and case store in collections of their own, publishing on a topic of their own. */
  const setUp = async () => {
    const topic = unique('test.platform.outbox.');
    topics.push(topic);
    await kafka.ensureTopics([{ topic, partitions: 1 }]);
    const db = mongo.db;
    const names = { pending: unique('outbox_'), cases: unique('cases_'), claims: unique('case_claims_') };
    dropped.push(...Object.values(names));
    const outbox = new Outbox(db, { collection: names.pending });
    await outbox.ensureIndexes();
    const cases = db.collection<CaseDocument>(names.cases);
    const revisions = new ClaimedRevisions(cases, db.collection<RevisionClaim<CaseDocument>>(names.claims), outbox);
    const publisher = (options: { sweepAfterMs?: number; failing?: boolean } = {}) =>
      new OutboxPublisher({
        outbox,
        producer: options.failing ? { publish: () => Promise.reject(new Error('broker injoignable')), publishTogether: () => Promise.reject(new Error('broker injoignable')), disconnect: () => Promise.resolve() } : producer,
        topicOf: () => topic,
        logger,
        sweepEveryMs: 50,
        sweepAfterMs: options.sweepAfterMs ?? 0,
      });
    return { topic, outbox, cases, revisions, publisher };
  };

  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'platform-test', exporter: 'memory' });
    kafka = await kafkaWithTopics('platform-outbox-publisher-test', []);
    mongo = await testMongo();
    producer = await createProducer(kafka);
  });

  afterAll(async () => {
    for (const name of dropped) await mongo.db.dropCollection(name).catch(() => undefined);
    await producer.disconnect();
    await kafka.close();
    await mongo.close();
    await telemetry.shutdown();
    await deleteTopics(topics);
  });

  it('publishes a claimed write’s events right after it, under the trace of the command that made them, and leaves nothing pending', async () => {
    const { topic, cases, revisions, publisher } = await setUp();
    await cases.insertOne({ _id: 'c-1', status: 'draft' });
    const relay = publisher();
    const { entries, traceId } = trace.getTracer('test').startActiveSpan('submit', (span) => {
      const made = outboxEntries([event('c-1', 'request-submitted'), event('c-1', 'request-status-changed')]);
      span.end();
      return { entries: made, traceId: span.spanContext().traceId };
    });
    const current = (await revisions.read('c-1'))!;
    expect(await revisions.write(current, { ...current, status: 'submitted' }, entries)).toBe('written');
    await relay.publish(claimKey('c-1', 0), entries);

    const onTheWire = await readTopic(topic, 2);
    expect(ids(onTheWire)).toEqual(entries.map((entry) => entry.id));
    expect(onTheWire.every((message) => message.headers['traceparent']?.split('-')[1] === traceId)).toBe(true);
    expect(await relay.backlog()).toBe(0);
  });

  it('leaves a write pending when what its writer does beside the send fails, and settles writes without events with the others', async () => {
    const { topic, outbox, cases, revisions, publisher } = await setUp();
    await cases.insertMany([{ _id: 'c-5', status: 'draft' }, { _id: 'c-6', status: 'draft' }]);
    const relay = publisher({ sweepAfterMs: 60_000 });
    const failed = outboxEntries([event('c-5', 'request-submitted')]);
    const [five, six] = [(await revisions.read('c-5'))!, (await revisions.read('c-6'))!];
    expect(await revisions.write(five, { ...five, status: 'submitted' }, failed)).toBe('written');
    expect(await revisions.write(six, { ...six, status: 'draft' }, [])).toBe('written');
    await Promise.all([relay.publish(claimKey('c-5', 0), failed, Promise.reject(new Error('copie refusée'))), relay.publish(claimKey('c-6', 0), [], Promise.resolve())]);

    expect(ids(await readTopic(topic, 1))).toEqual([failed[0]!.id]);
    expect((await outbox.pending.find({}).toArray()).map((pending) => pending._id)).toEqual([claimKey('c-5', 0)]);
  });

  it('puts an event on every topic its route names, each copy once and in the order of its write', async () => {
    const { topic, outbox } = await setUp();
    const second = unique('test.platform.outbox.copies.');
    topics.push(second);
    await kafka.ensureTopics([{ topic: second, partitions: 1 }]);
    const entries = outboxEntries([event('c-9', 'request-submitted'), event('c-9', 'request-status-changed')]);
    await outbox.append('c-9:submitted', entries);
    const relay = new OutboxPublisher({ outbox, producer, topicOf: (_type, entry) => (entry.data as { name: string }).name === 'request-submitted' ? [topic, second] : topic, logger });
    await relay.publish('c-9:submitted', entries);

    expect(ids(await readTopic(topic, 2))).toEqual(entries.map((entry) => entry.id));
    expect(ids(await readTopic(second, 1))).toEqual([entries[0]!.id]);
    expect(await relay.backlog()).toBe(0);
  });

  it('loses nothing when the writer stops between its write and the publication: another instance’s sweep sends it once the delay passed', async () => {
    const { topic, outbox, cases, revisions, publisher } = await setUp();
    await cases.insertOne({ _id: 'c-2', status: 'draft' });
    const current = (await revisions.read('c-2'))!;
    const claimed = outboxEntries([event('c-2', 'request-submitted')]);
    await revisions.write(current, { ...current, status: 'submitted' }, claimed);
    const own = outboxEntries([event('c-2', 'request-withdrawn')]);
    await outbox.append('c-2:withdrawn', own);

    const waiting = publisher({ sweepAfterMs: 60_000 });
    expect(await waiting.sweep()).toBe(0);
    expect(await topicSize(topic)).toBe(0);

    const other = publisher();
    other.start();
    try {
      await eventually(async () => expect(await other.backlog()).toBe(0));
    } finally {
      await other.stop();
    }
    expect(ids(await readTopic(topic, 2))).toEqual([...claimed, ...own].map((entry) => entry.id));
  });

  it('publishes only the winner’s events of concurrent writes of one revision', async () => {
    const { topic, cases, revisions, publisher } = await setUp();
    await cases.insertOne({ _id: 'c-3', status: 'draft' });
    const current = (await revisions.read('c-3'))!;
    const writers = Array.from({ length: 10 }, (_, n) => ({ n, entries: outboxEntries([event('c-3', `writer-${n}`)]) }));
    const outcomes = await Promise.all(writers.map(({ n, entries }) => revisions.write(current, { ...current, status: `by-${n}` }, entries)));
    const winner = writers[outcomes.indexOf('written')]!;
    expect(outcomes.filter((outcome) => outcome === 'written')).toHaveLength(1);

    // Every writer stopped before publishing: the sweep sends what the stored revision says.
    const sweeper = publisher();
    sweeper.start();
    try {
      await eventually(async () => expect(await sweeper.backlog()).toBe(0));
    } finally {
      await sweeper.stop();
    }
    expect(ids(await readTopic(topic, 1))).toEqual(winner.entries.map((entry) => entry.id));
    expect(await topicSize(topic)).toBe(1);
    expect((await revisions.read('c-3'))?.status).toBe(`by-${winner.n}`);
  });

  it('keeps a write pending while the broker refuses it, and two sweeping instances then publish every event, none lost', async () => {
    const { topic, outbox, publisher } = await setUp();
    const down = publisher({ failing: true });
    const written = Array.from({ length: 30 }, (_, n) => ({ key: `w-${n}`, entries: outboxEntries([event(`c-${n % 3}`, 'request-updated')]) }));
    for (const { key, entries } of written) await outbox.append(key, entries);
    await Promise.all(written.map(({ key, entries }) => down.publish(key, entries)));
    expect(await down.backlog()).toBe(30);

    const [first, second] = [publisher(), publisher()];
    first.start();
    second.start();
    try {
      await eventually(async () => expect(await first.backlog()).toBe(0));
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    const published = await topicSize(topic);
    const received = new Set(ids(await readTopic(topic, published)));
    expect([...received].sort()).toEqual(written.map(({ entries }) => entries[0]!.id).sort());
  });

  it('forgets an announced write never made once it is old enough, and publishes nothing for it', async () => {
    const { topic, outbox } = await setUp();
    const past = new Outbox(mongo.db, { collection: outbox.pending.collectionName, clock: { now: () => new Date(Date.now() - 3_600_000) } });
    await past.announce('nowhere', 'never-written');
    await outbox.announce('nowhere', 'still-writing');
    const sweeper = new OutboxPublisher({ outbox, producer, topicOf: () => topic, logger, sweepAfterMs: 0, abandonAfterMs: 600_000 });
    expect(await sweeper.sweep()).toBe(0);
    expect((await outbox.pending.find().toArray()).map((pending) => pending._id)).toEqual(['still-writing']);
    expect(await topicSize(topic)).toBe(0);
  });
});
