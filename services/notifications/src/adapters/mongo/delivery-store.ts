import type { DeliveryAttempt } from '@guichet/contracts';
import { fulfilled, GroupCommit, GroupWhileBusy } from '@guichet/platform';
import type * as mongo from 'mongodb';
import type { AttemptRecord, AttemptTake, Delivery, DeliveryStore, Page, PageRequest, PendingDelivery } from '../../application/ports.js';
import type { DeliveryStatus } from '../../domain/delivery.js';
import { afterCursor, encodeCursor } from './pagination.js';

/** An attempt as logged. */
type LoggedAttempt = DeliveryAttempt & { outcome: DeliveryStatus };

/**
 * The delivery log, written once: when the delivery is stored to wait, or, for one settled at
 * its first attempt, after that attempt, which it then carries.
 */
interface DeliveryDocument {
  _id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  requestId: string;
  createdAt: Date;
  replayId?: string;
  firstAttempt?: LoggedAttempt;
}

/** One attempt of a delivery that was stored to wait, appended, never changed. */
interface AttemptDocument extends LoggedAttempt {
  _id: string;
  deliveryId: string;
  subscriptionId: string;
  nextAttemptAt?: Date;
}

/**
 * The claim of one attempt of a delivery by a scheduler for one lease period: `_id`
 * `<delivery>:<attempt>@<period>`, inserted once (a unique key refuses the second scheduler).
 */
interface AttemptClaimDocument {
  _id: string;
  at: Date;
}

/** What is still to deliver, and only that, without the event (kept once, in the event log). */
type QueueDocument = Omit<PendingDelivery, 'id'> & { _id: string };

const CHUNK = 5000;

const chunks = <T>(items: readonly T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

const toPending = ({ _id, ...rest }: QueueDocument): PendingDelivery => ({ id: _id, ...rest });

const toQueueDocument = (d: PendingDelivery): QueueDocument => ({
  _id: d.id,
  subscriptionId: d.subscriptionId,
  eventId: d.eventId,
  eventType: d.eventType,
  requestId: d.requestId,
  seq: d.seq,
  schedule: d.schedule,
  attemptsMade: d.attemptsMade,
  ...(d.firstAttemptAt ? { firstAttemptAt: d.firstAttemptAt } : {}),
  nextAttemptAt: d.nextAttemptAt,
  createdAt: d.createdAt,
  ...(d.replayId ? { replayId: d.replayId } : {}),
});

const toLogDocument = ({ id, subscriptionId, eventId, eventType, requestId, createdAt, replayId }: PendingDelivery): DeliveryDocument => ({
  _id: id,
  subscriptionId,
  eventId,
  eventType,
  requestId,
  createdAt,
  ...(replayId ? { replayId } : {}),
});

/** Settled deliveries leave the queue in one removal once this many wait, or when the scheduler is idle. */
const SETTLED_BATCH = 5000;

const attemptId = (deliveryId: string, attempt: number): string => `${deliveryId}:${attempt}`;

export interface DeliveryStoreOptions {
  /** How long an attempt taken by a scheduler stays its own; a stopped instance's is taken over after one to two of them. */
  leaseMs?: number;
}

interface TakeRequest {
  delivery: PendingDelivery;
  attempt: number;
  now: Date;
}

/**
 * Deliveries in three collections: the log and the attempts are only ever inserted, and the queue
 * holds what is outstanding, in small documents. The MongoDB-wire server of the local stack
 * scans a collection for any query but a primary-key lookup and rewrites a document by scanning
 * its collection: the queue is read once, when the scheduler starts, and a delivery that goes out
 * at its first attempt is never queued: its log entry and its attempt are two inserts, grouped
 * with those of other deliveries. Settled deliveries leave the queue together, when the
 * scheduler is idle or many wait (each removal scans the queue); the attempts say which are
 * settled, so a stop before that removal sends nothing twice.
 *
 * Several instances share the queue: each attempt is first claimed under a unique key for the
 * current lease period (`takeAttempt`), so of the schedulers holding a delivery one only makes
 * each attempt; a claim of the period before still holds it, so an attempt that outlives neither
 * is made twice, and one never recorded (its instance stopped) is taken over after one or two
 * periods. The claims of a whole pass go in one round (one read of the attempts made, one of the
 * claims before, one insert).
 */
export class MongoDeliveryStore implements DeliveryStore {
  private readonly logInserts: GroupCommit<DeliveryDocument>;
  private readonly attemptInserts: GroupCommit<AttemptDocument>;
  private readonly queueInserts: GroupCommit<QueueDocument>;
  private readonly claimInserts: GroupCommit<AttemptClaimDocument>;
  private readonly takes: GroupWhileBusy<TakeRequest, AttemptTake>;
  private readonly leaseMs: number;
  /** The time of the latest claim asked for. */
  private latest: Date | undefined;
  private settled = new Set<string>();

  constructor(
    private readonly log: mongo.Collection<DeliveryDocument>,
    private readonly attempts: mongo.Collection<AttemptDocument>,
    private readonly queue: mongo.Collection<QueueDocument>,
    private readonly claims: mongo.Collection<AttemptClaimDocument>,
    { leaseMs = 30_000 }: DeliveryStoreOptions = {},
  ) {
    this.logInserts = new GroupCommit(log);
    this.attemptInserts = new GroupCommit(attempts);
    this.queueInserts = new GroupCommit(queue);
    this.claimInserts = new GroupCommit(claims);
    this.takes = new GroupWhileBusy((requests) => this.takeAll(requests));
    this.leaseMs = leaseMs;
  }

  takeAttempt(delivery: PendingDelivery, attempt: number, now: Date): Promise<AttemptTake> {
    return this.takes.run({ delivery, attempt, now });
  }

  private async takeAll(requests: readonly TakeRequest[]) {
    this.latest = requests[requests.length - 1]?.now ?? this.latest;
    const ids = requests.map(({ delivery, attempt }) => attemptId(delivery.id, attempt));
    const period = (now: Date) => Math.floor(now.getTime() / this.leaseMs);
    const claimOf = ({ delivery, attempt, now }: TakeRequest, before = 0) => `${attemptId(delivery.id, attempt)}@${period(now) - before}`;
    const firsts = requests.filter((r) => r.attempt === 1).map((r) => r.delivery.id);
    const [made, madeFirst, held] = await Promise.all([
      this.attemptsByIds(ids),
      firsts.length > 0 ? this.log.find({ _id: { $in: firsts }, firstAttempt: { $exists: true } }).toArray() : Promise.resolve([]),
      this.claims.find({ _id: { $in: requests.map((r) => claimOf(r, 1)) } }, { projection: { _id: 1 } }).toArray(),
    ]);
    const firstAttempts = new Map(madeFirst.map((doc) => [doc._id, doc.firstAttempt]));
    const heldBefore = new Set(held.map((doc) => doc._id));
    const outcomes = new Map<TakeRequest, AttemptTake>();
    for (const [index, request] of requests.entries()) {
      const logged = made.get(ids[index] as string) ?? (request.attempt === 1 ? firstAttempts.get(request.delivery.id) : undefined);
      if (logged) {
        const nextAttemptAt = 'nextAttemptAt' in logged ? (logged as AttemptDocument).nextAttemptAt : undefined;
        outcomes.set(request, { kind: 'made', status: logged.outcome, at: new Date(logged.at), ...(nextAttemptAt ? { nextAttemptAt } : {}) });
      } else if (heldBefore.has(claimOf(request, 1))) outcomes.set(request, { kind: 'busy' });
    }
    const open = requests.filter((r) => !outcomes.has(r));
    const inserted = await this.claimInserts.insertMany(open.map((r) => ({ _id: claimOf(r), at: r.now })));
    open.forEach((request, index) => outcomes.set(request, inserted[index] === 'inserted' ? { kind: 'taken' } : { kind: 'busy' }));
    return requests.map((request) => fulfilled(outcomes.get(request) as AttemptTake));
  }

  async createMany(deliveries: readonly PendingDelivery[]): Promise<void> {
    // Queue first: after a crash in between, the event is read again and finds no log entry, so
    // the delivery is planned again (the queue keeps the first one); a log entry means queued.
    await this.queueInserts.insertMany(deliveries.map(toQueueDocument));
    await this.logInserts.insertMany(deliveries.map(toLogDocument));
  }

  async planned(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await this.log.find({ _id: { $in: [...ids] } }, { projection: { _id: 1 } }).toArray();
    return new Set(found.map((doc) => doc._id));
  }

  async outstanding(): Promise<PendingDelivery[]> {
    const open = new Map((await this.queue.find({}).toArray()).map((doc) => [doc._id, toPending(doc)]));
    // Attempts recorded after their queue entry was last written: the stop came before the entry
    // was removed (settled) or brought up to date (retrying). Followed from one attempt to the next.
    let unsure = [...open.values()];
    const settled: string[] = [];
    while (unsure.length > 0) {
      const later = await this.attemptsByIds(unsure.map((d) => `${d.id}:${d.attemptsMade + 1}`));
      const next: PendingDelivery[] = [];
      for (const delivery of unsure) {
        const attempt = later.get(`${delivery.id}:${delivery.attemptsMade + 1}`);
        if (!attempt) continue;
        if (attempt.outcome !== 'retrying') {
          open.delete(delivery.id);
          settled.push(delivery.id);
          continue;
        }
        delivery.attemptsMade = attempt.attempt;
        delivery.firstAttemptAt ??= new Date(attempt.at);
        delivery.nextAttemptAt = attempt.nextAttemptAt ?? new Date(attempt.at);
        next.push(delivery);
      }
      unsure = next;
    }
    for (const part of chunks(settled)) await this.queue.deleteMany({ _id: { $in: part } });
    return [...open.values()];
  }

  private async attemptsByIds(ids: readonly string[]): Promise<Map<string, AttemptDocument>> {
    const found = new Map<string, AttemptDocument>();
    for (const part of chunks(ids)) for (const doc of await this.attempts.find({ _id: { $in: part } }).toArray()) found.set(doc._id, doc);
    return found;
  }

  async recordAttempts(records: readonly AttemptRecord[]): Promise<void> {
    if (records.length === 0) return;
    const settled = records.filter((r) => r.status !== 'retrying');
    // Settled at once, never stored: one log entry carrying its attempt is all that is written.
    const atOnce = settled.filter((r) => !r.stored && r.attempt.attempt === 1);
    const logged = new Set(atOnce);
    await Promise.all([
      this.attemptInserts.insertMany(
        records
          .filter((r) => !logged.has(r))
          .map(({ delivery, status, attempt, nextAttemptAt }) => ({
            ...attempt,
            _id: `${delivery.id}:${attempt.attempt}`,
            deliveryId: delivery.id,
            subscriptionId: delivery.subscriptionId,
            outcome: status,
            ...(nextAttemptAt ? { nextAttemptAt } : {}),
          })),
      ),
      this.logInserts.insertMany([
        ...atOnce.map((r) => ({ ...toLogDocument(r.delivery), firstAttempt: { ...r.attempt, outcome: r.status } })),
        // Settled after retries it never waited for in the store (a pass with no stop in between).
        ...settled.filter((r) => !r.stored && !logged.has(r)).map((r) => toLogDocument(r.delivery)),
      ]),
    ]);
    for (const record of settled) if (record.stored) this.settled.add(record.delivery.id);
    if (this.settled.size >= SETTLED_BATCH) await this.removeSettled();
    // Only failed attempts of stored deliveries update the queue, one document each: a receiver that is down is rare.
    const retrying = records.filter((r) => r.status === 'retrying' && r.stored);
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

  async removeSettled(): Promise<void> {
    if (this.settled.size === 0) return;
    // Claims of lease periods long passed hold nothing any more.
    if (this.latest !== undefined) await this.claims.deleteMany({ at: { $lt: new Date(this.latest.getTime() - 4 * this.leaseMs) } });
    const ids = [...this.settled];
    this.settled = new Set();
    try {
      for (const part of chunks(ids)) await this.queue.deleteMany({ _id: { $in: part } });
    } catch (error) {
      for (const id of ids) this.settled.add(id);
      throw error;
    }
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
        const own = [...(doc.firstAttempt ? [doc.firstAttempt] : []), ...attempts.filter((a) => a.deliveryId === doc._id)].sort((a, b) => a.attempt - b.attempt);
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
    await this.removeSettled();
    await this.queue.deleteMany({ subscriptionId });
    await this.log.deleteMany({ subscriptionId });
    await this.attempts.deleteMany({ subscriptionId });
  }

  async purgeBefore(time: Date): Promise<number> {
    const expired = (await this.log.find({ createdAt: { $lt: time } }, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id);
    if (expired.length > 0) await this.attempts.deleteMany({ deliveryId: { $in: expired } });
    // A claim holds an attempt for one lease period only; those past the log's horizon hold nothing, and a stopped
    // instance's claims, which its idle scheduler would have cleared, would otherwise outlive the deliveries they name.
    await this.claims.deleteMany({ at: { $lt: time } });
    return expired.length === 0 ? 0 : (await this.log.deleteMany({ _id: { $in: expired } })).deletedCount;
  }
}
