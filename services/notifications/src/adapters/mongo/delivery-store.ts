import { randomUUID } from 'node:crypto';
import type { mongo } from 'mongoose';
import type { AttemptRecord, Delivery, DeliveryStore, Page, PageRequest } from '../../application/ports.js';
import type { DeliveryStatus } from '../../domain/delivery.js';
import { insertIfAbsent } from './collections.js';
import { afterCursor, encodeCursor } from './pagination.js';

type DeliveryDocument = Omit<Delivery, 'id'> & { _id: string; claimedUntil: Date; claimToken?: string };

const OUTSTANDING: DeliveryStatus[] = ['pending', 'retrying'];
const UNCLAIMED = new Date(0);

const toDelivery = ({ _id, claimedUntil: _claimed, claimToken: _token, ...rest }: DeliveryDocument): Delivery => ({ id: _id, ...rest });

export class MongoDeliveryStore implements DeliveryStore {
  constructor(private readonly collection: mongo.Collection<DeliveryDocument>) {}

  async createMany(deliveries: readonly Delivery[]): Promise<void> {
    await insertIfAbsent(
      this.collection,
      deliveries.map(({ id, ...rest }) => ({ _id: id, ...rest, claimedUntil: UNCLAIMED })),
    );
  }

  async due(now: Date, limit: number): Promise<Delivery[]> {
    const docs = await this.collection
      .find({ status: { $in: OUTSTANDING }, nextAttemptAt: { $lte: now }, claimedUntil: { $lt: now } })
      .sort({ seq: 1 })
      .limit(limit)
      .toArray();
    return docs.map(toDelivery);
  }

  async earliestOutstanding(pairs: ReadonlyArray<Pick<Delivery, 'subscriptionId' | 'requestId'>>): Promise<Map<string, number>> {
    const wanted = new Set(pairs.map((p) => `${p.subscriptionId}/${p.requestId}`));
    const earliest = new Map<string, number>();
    if (wanted.size === 0) return earliest;
    const outstanding = this.collection.find(
      { status: { $in: OUTSTANDING }, requestId: { $in: [...new Set(pairs.map((p) => p.requestId))] } },
      { projection: { subscriptionId: 1, requestId: 1, seq: 1 } },
    );
    for await (const { subscriptionId, requestId, seq } of outstanding) {
      const key = `${subscriptionId}/${requestId}`;
      if (wanted.has(key) && seq < (earliest.get(key) ?? Number.POSITIVE_INFINITY)) earliest.set(key, seq);
    }
    return earliest;
  }

  async claim(ids: readonly string[], now: Date, until: Date): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const token = randomUUID();
    await this.collection.updateMany({ _id: { $in: [...ids] }, status: { $in: OUTSTANDING }, claimedUntil: { $lt: now } }, { $set: { claimedUntil: until, claimToken: token } });
    const taken = await this.collection.find({ _id: { $in: [...ids] }, claimToken: token }, { projection: { _id: 1 } }).toArray();
    return new Set(taken.map((doc) => doc._id));
  }

  async release(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.collection.updateMany({ _id: { $in: [...ids] } }, { $set: { claimedUntil: UNCLAIMED } });
  }

  async recordAttempts(records: readonly AttemptRecord[]): Promise<void> {
    if (records.length === 0) return;
    const operations = records.map(({ delivery, status, attempt, nextAttemptAt }) => {
      const set: Record<string, unknown> = { status, claimedUntil: UNCLAIMED };
      if (nextAttemptAt) set['nextAttemptAt'] = nextAttemptAt;
      if (delivery.attempts.length === 0) set['firstAttemptAt'] = new Date(attempt.at);
      return { updateOne: { filter: { _id: delivery.id }, update: { $set: set, $push: { attempts: attempt } } } };
    });
    await this.collection.bulkWrite(operations as mongo.AnyBulkWriteOperation<DeliveryDocument>[], { ordered: false });
  }

  async page(subscriptionId: string, status: DeliveryStatus | undefined, { limit, cursor }: PageRequest): Promise<Page<Delivery>> {
    const filter = { subscriptionId, ...(status ? { status } : {}), ...afterCursor('createdAt', cursor) } as mongo.Filter<DeliveryDocument>;
    const docs = await this.collection.find(filter).sort({ createdAt: 1, _id: 1 }).limit(limit + 1).toArray();
    const items = docs.slice(0, limit).map(toDelivery);
    const last = items[items.length - 1];
    return { items, ...(docs.length > limit && last ? { nextCursor: encodeCursor(last.createdAt, last.id) } : {}) };
  }

  async deleteForSubscription(subscriptionId: string): Promise<void> {
    await this.collection.deleteMany({ subscriptionId });
  }
}
