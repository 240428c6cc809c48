import type { Territory } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectMongo, createKafka, createLogger, createProducer, Outbox, OutboxPublisher, type EventProducer, type MongoHandle } from '@guichet/platform';
import type { CommandStartedEvent } from 'mongodb';
import type { ApplyOutcome, StoredRequest } from '../src/application/ports.js';
import { ensureIndexes, matchingCollections, MongoRequestStore } from '../src/adapters/mongo/index.js';
import { stackEnv, unique } from './support.js';

/**
 * The request store as two instances use it, each with its own connection to one database:
 * changes of a request race on the MongoDB-wire server, and each is applied once, none lost.
 */
describe('the request store of two instances on one database', () => {
  const handles: MongoHandle[] = [];
  const stores: MongoRequestStore[] = [];
  let producer: EventProducer;
  const territory: Territory = { regions: ['24'], departements: ['37'] };

  beforeAll(async () => {
    const dbName = unique('matching_test_requests_');
    producer = await createProducer(createKafka({ brokers: stackEnv().KAFKA_BROKERS.split(','), clientId: 'matching-request-store-test' }));
    const logger = createLogger({ service: 'matching-test', level: 'warn' });
    for (let instance = 0; instance < 2; instance += 1) {
      const handle = await connectMongo({ uri: stackEnv().MONGODB_URI, dbName });
      handles.push(handle);
      const collections = matchingCollections(handle);
      if (instance === 0) await ensureIndexes(collections);
      const outbox = new Outbox(handle.db);
      const publisher = new OutboxPublisher({ outbox, producer, topicOf: () => 'unused', logger });
      stores.push(new MongoRequestStore(collections.requests, collections.requestClaims, collections.proposalSets, { outbox, publisher }));
    }
  });

  afterAll(async () => {
    await handles[0]?.db.dropDatabase();
    await Promise.all(handles.map((handle) => handle.close()));
    await producer.disconnect();
  });

  const [first, second] = [() => stores[0] as MongoRequestStore, () => stores[1] as MongoRequestStore];
  const create = (store: MongoRequestStore, requestId: string, eventId: string) =>
    store.apply(requestId, eventId, { set: { version: 1, status: 'open', territory, excludedOfferIds: [] }, recomputed: true }, { upsert: true });

  it('applies every one of many concurrent changes once, whichever instance makes it', async () => {
    const requestId = unique('r-');
    expect(await create(first(), requestId, 'created')).toBe('applied');
    const events = Array.from({ length: 24 }, (_, i) => `e-${i}`);
    const outcomes = await Promise.all(events.map((eventId, i) => (i % 2 === 0 ? first() : second()).apply(requestId, eventId, { set: { proposalSetId: eventId }, recomputed: true })));
    expect(outcomes).toEqual(events.map(() => 'applied'));
    const stored = await second().get(requestId);
    expect(stored?.recomputations).toBe(events.length + 1);
    expect(stored?.revision).toBe(events.length + 1);
    for (const eventId of events) expect(await first().hasProcessed(requestId, eventId)).toBe(true);
  });

  it('applies one event delivered to both instances at once only once', async () => {
    const requestId = unique('r-');
    const outcomes = await Promise.all([...Array.from({ length: 4 }, () => create(first(), requestId, 'submitted')), ...Array.from({ length: 4 }, () => create(second(), requestId, 'submitted'))]);
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(7);
    expect((await first().get(requestId))?.recomputations).toBe(1);
  });

  it('refuses a change based on a reading that another write has passed, and changes nothing', async () => {
    const requestId = unique('r-');
    await create(first(), requestId, 'created');
    const read = await first().get(requestId);
    expect(await second().apply(requestId, 'rematched', { set: { proposalSetId: 'by-rematch' }, recomputed: true }, { basedOn: read })).toBe('applied');
    expect(await first().apply(requestId, 'declined', { set: { proposalSetId: 'by-decline' }, recomputed: true }, { basedOn: read })).toBe('moved');
    const now = await first().get(requestId);
    expect(now?.proposalSetId).toBe('by-rematch');
    expect(await first().apply(requestId, 'declined', { set: { proposalSetId: 'by-decline' }, recomputed: true }, { basedOn: now })).toBe('applied');
    expect(await second().get(requestId)).toMatchObject({ proposalSetId: 'by-decline', recomputations: 3 });
  });

  it('of two concurrent changes based on one reading, applies one and tells the other to decide again', async () => {
    const requestId = unique('r-');
    await create(first(), requestId, 'created');
    const read = await first().get(requestId);
    const outcomes = await Promise.all([first().apply(requestId, 'a', { set: { proposalSetId: 'a' } }, { basedOn: read }), second().apply(requestId, 'b', { set: { proposalSetId: 'b' } }, { basedOn: read })]);
    expect([...outcomes].sort()).toEqual(['applied', 'moved']);
    expect((await second().get(requestId))?.proposalSetId).toBe(outcomes[0] === 'applied' ? 'a' : 'b');
  });

  /** The `find` commands the first instance sends to the requests collection while `work` runs. */
  async function findsOfRequests(work: () => Promise<unknown>): Promise<number> {
    let finds = 0;
    const client = (handles[0] as MongoHandle).client;
    const count = (event: CommandStartedEvent) => {
      if (event.commandName === 'find' && event.command.find === 'requests') finds += 1;
    };
    client.on('commandStarted', count);
    try {
      await work();
    } finally {
      client.off('commandStarted', count);
    }
    return finds;
  }

  it('reads the requests of concurrent callers in one find, and writes a change based on its reading without reading again', async () => {
    const ids = Array.from({ length: 12 }, () => unique('r-'));
    for (const requestId of ids.slice(0, 6)) await create(first(), requestId, 'created');
    const readings: Array<StoredRequest | null> = [];
    // The first read leaves alone; the others, asked meanwhile, go together.
    expect(await findsOfRequests(async () => readings.push(...(await Promise.all(ids.map((requestId) => first().get(requestId))))))).toBeLessThanOrEqual(2);
    expect(readings.map((read) => read?.requestId ?? null)).toEqual([...ids.slice(0, 6), ...ids.slice(6).map(() => null)]);
    const changes = () => Promise.all(ids.map((requestId, i) => first().apply(requestId, 'changed', { set: { version: 2, status: 'open', territory, excludedOfferIds: [] } }, { upsert: true, basedOn: readings[i] ?? null })));
    let outcomes: ApplyOutcome[] = [];
    expect(await findsOfRequests(async () => (outcomes = await changes()))).toBe(0);
    expect(outcomes).toEqual(ids.map(() => 'applied'));
    expect((await second().get(ids[0] as string))?.version).toBe(2);
  });
});
