import { GroupCommit } from '@guichet/platform';
import type * as mongo from 'mongodb';
import type { DeadLetter, DeadLetterStore, Page, PageRequest } from '../../application/ports.js';
import { afterCursor, encodeCursor } from './pagination.js';

type DeadLetterDocument = Omit<DeadLetter, 'id'> & { _id: string };

export class MongoDeadLetterStore implements DeadLetterStore {
  private readonly inserts: GroupCommit<DeadLetterDocument>;

  constructor(private readonly collection: mongo.Collection<DeadLetterDocument>) {
    this.inserts = new GroupCommit(collection);
  }

  async park({ id, ...rest }: DeadLetter): Promise<void> {
    await this.inserts.insertOne({ _id: id, ...rest });
  }

  async page(subscriptionId: string, { limit, cursor }: PageRequest): Promise<Page<DeadLetter>> {
    const filter = { subscriptionId, ...afterCursor('parkedAt', cursor) } as mongo.Filter<DeadLetterDocument>;
    const docs = await this.collection.find(filter).sort({ parkedAt: 1, _id: 1 }).limit(limit + 1).toArray();
    const items = docs.slice(0, limit).map(({ _id, ...rest }) => ({ id: _id, ...rest }));
    const last = items[items.length - 1];
    return { items, ...(docs.length > limit && last ? { nextCursor: encodeCursor(last.parkedAt, last.id) } : {}) };
  }

  async deleteForSubscription(subscriptionId: string): Promise<void> {
    await this.collection.deleteMany({ subscriptionId });
  }
}
