import type { DeliveryAttempt } from '@guichet/contracts';
import type { mongo } from 'mongoose';
import type { AttemptRecord, Delivery, DeliveryStore, Page, PageRequest, PendingDelivery, QueuedDelivery } from '../../application/ports.js';
import type { DeliveryStatus } from '../../domain/delivery.js';
import { insertIfAbsent } from './collections.js';
import { afterCursor, encodeCursor } from './pagination.js';

/** The delivery log: written once, when the delivery is planned. */
interface DeliveryDocument {
  _id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  requestId: string;
  createdAt: Date;
  replayId?: string;
}

/** One attempt, appended, never changed. */
interface AttemptDocument extends DeliveryAttempt {
  _id: string;
  deliveryId: string;
  subscriptionId: string;
  outcome: DeliveryStatus;
  nextAttemptAt?: Date;
}

/** What is still to deliver, and only that, without the event (kept once, in the event log). */
type QueueDocument = Omit<PendingDelivery, 'id'> & { _id: string };

const CHUNK = 1000;

const chunks = <T>(items: readonly T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

const toPending = ({ _id, ...rest }: QueueDocument): PendingDelivery => ({ id: _id, ...rest });

/**
 * Deliveries in three collections: the log and the attempts are only ever inserted, and the queue
 * holds just what is outstanding, in small documents. The MongoDB-wire server of the local stack
 * scans a collection for any query but a primary-key lookup and rewrites a document by scanning
 * its collection: the queue is read once, when the scheduler starts, and a delivery that goes out
 * at its first attempt costs three batched inserts and a batched removal, never an update.
 */
export class MongoDeliveryStore implements DeliveryStore {
  constructor(
    private readonly log: mongo.Collection<DeliveryDocument>,
    private readonly attempts: mongo.Collection<AttemptDocument>,
    private readonly queue: mongo.Collection<QueueDocument>,
  ) {}

  async createMany(deliveries: readonly QueuedDelivery[]): Promise<void> {
    // Queue first: after a crash in between, the event is read again and finds no log entry, so
    // the delivery is planned again (the queue keeps the first one); a log entry means queued.
    await insertIfAbsent(
      this.queue,
      deliveries.map(({ id, event: _event, ...rest }) => ({ _id: id, ...rest })),
    );
    await insertIfAbsent(
      this.log,
      deliveries.map(({ id, subscriptionId, eventId, eventType, requestId, createdAt, replayId }) => ({
        _id: id,
        subscriptionId,
        eventId,
        eventType,
        requestId,
        createdAt,
        ...(replayId ? { replayId } : {}),
      })),
    );
  }

  async planned(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await this.log.find({ _id: { $in: [...ids] } }, { projection: { _id: 1 } }).toArray();
    return new Set(found.map((doc) => doc._id));
  }

  async outstanding(): Promise<PendingDelivery[]> {
    return (await this.queue.find({}).toArray()).map(toPending);
  }

  async recordAttempts(records: readonly AttemptRecord[]): Promise<void> {
    if (records.length === 0) return;
    await insertIfAbsent(
      this.attempts,
      records.map(({ delivery, status, attempt, nextAttemptAt }) => ({
        ...attempt,
        _id: `${delivery.id}:${attempt.attempt}`,
        deliveryId: delivery.id,
        subscriptionId: delivery.subscriptionId,
        outcome: status,
        ...(nextAttemptAt ? { nextAttemptAt } : {}),
      })),
    );
    const finished = records.filter((r) => r.status !== 'retrying').map((r) => r.delivery.id);
    for (const part of chunks(finished)) await this.queue.deleteMany({ _id: { $in: part } });
    // Only failed attempts update the queue, one document each: a receiver that is down is rare.
    const retrying = records.filter((r) => r.status === 'retrying');
    if (retrying.length === 0) return;
    await this.queue.bulkWrite(
      retrying.map(({ delivery, attempt, nextAttemptAt }) => ({
        updateOne: {
          filter: { _id: delivery.id },
          update: { $set: { attemptsMade: attempt.attempt, nextAttemptAt: nextAttemptAt ?? new Date(attempt.at), firstAttemptAt: delivery.firstAttemptAt ?? new Date(attempt.at) } },
        },
      })),
      { ordered: false },
    );
  }

  async page(subscriptionId: string, status: DeliveryStatus | undefined, { limit, cursor }: PageRequest): Promise<Page<Delivery>> {
    const filter = { subscriptionId, ...afterCursor('createdAt', cursor) } as mongo.Filter<DeliveryDocument>;
    const docs = await this.log.find(filter).sort({ createdAt: 1, _id: 1 }).limit(limit + 1).toArray();
    const shown = docs.slice(0, limit);
    const ids = shown.map((d) => d._id);
    const [attempts, queued] = await Promise.all([
      ids.length > 0 ? this.attempts.find({ deliveryId: { $in: ids } }).toArray() : Promise.resolve([]),
      ids.length > 0 ? this.queue.find({ _id: { $in: ids } }, { projection: { nextAttemptAt: 1 } }).toArray() : Promise.resolve([]),
    ]);
    const nextAttempt = new Map(queued.map((q) => [q._id, q.nextAttemptAt]));
    const items = shown
      .map((doc): Delivery => {
        const own = attempts.filter((a) => a.deliveryId === doc._id).sort((a, b) => a.attempt - b.attempt);
        const last = own[own.length - 1];
        const current: DeliveryStatus = last ? last.outcome : 'pending';
        const next = nextAttempt.get(doc._id);
        return {
          id: doc._id,
          subscriptionId: doc.subscriptionId,
          eventId: doc.eventId,
          eventType: doc.eventType,
          requestId: doc.requestId,
          status: current,
          attempts: own.map(({ attempt, at, statusCode, error, durationMs }) => ({
            attempt,
            at,
            ...(statusCode === undefined ? {} : { statusCode }),
            ...(error === undefined ? {} : { error }),
            ...(durationMs === undefined ? {} : { durationMs }),
          })),
          ...(next && (current === 'pending' || current === 'retrying') ? { nextAttemptAt: next } : {}),
          createdAt: doc.createdAt,
        };
      })
      // The status is known once the attempts are read: a filtered page may hold fewer items.
      .filter((delivery) => status === undefined || delivery.status === status);
    const last = shown[shown.length - 1];
    return { items, ...(docs.length > limit && last ? { nextCursor: encodeCursor(last.createdAt, last._id) } : {}) };
  }

  async deleteForSubscription(subscriptionId: string): Promise<void> {
    await this.queue.deleteMany({ subscriptionId });
    await this.log.deleteMany({ subscriptionId });
    await this.attempts.deleteMany({ subscriptionId });
  }
}
