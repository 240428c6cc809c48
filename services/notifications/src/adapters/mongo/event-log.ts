import { GroupCommit } from '@guichet/platform';
import type { mongo } from 'mongoose';
import type { EventLog, StoredStakeholderEvent } from '../../application/ports.js';
import { IDENTIFYING_FIELDS } from '../../domain/erasure.js';
import type { Stakeholder } from '../../domain/stakeholders.js';
import { insertNew } from './collections.js';

type EventDocument = Omit<StoredStakeholderEvent, 'id'> & { _id: string };

const toEvent = ({ _id, ...rest }: EventDocument): StoredStakeholderEvent => ({ id: _id, ...rest });

/** Stakeholder events as published, kept for deliveries and replays (the topics' retention is 90 days). */
export class MongoEventLog implements EventLog {
  private readonly inserts: GroupCommit<EventDocument>;

  constructor(private readonly collection: mongo.Collection<EventDocument>) {
    this.inserts = new GroupCommit(collection);
  }

  async recordMany(events: readonly StoredStakeholderEvent[]): Promise<Set<string>> {
    return insertNew(
      this.inserts,
      events.map(({ id, ...rest }) => ({ _id: id, ...rest })),
    );
  }

  async forget(requestId: string): Promise<void> {
    await this.collection.updateMany({ requestId }, { $unset: Object.fromEntries(IDENTIFYING_FIELDS.map((field) => [`data.${field}`, ''])) });
  }

  async byIds(ids: readonly string[]): Promise<Map<string, StoredStakeholderEvent>> {
    if (ids.length === 0) return new Map();
    const docs = await this.collection.find({ _id: { $in: [...ids] } }).toArray();
    return new Map(docs.map((doc) => [doc._id, toEvent(doc)]));
  }

  async *since(stakeholder: Stakeholder, from: Date, until: Date | undefined, types: readonly string[]): AsyncIterable<StoredStakeholderEvent> {
    const time = until ? { $gte: from, $lt: until } : { $gte: from };
    const cursor = this.collection.find({ stakeholder, time, type: { $in: [...types] } }).sort({ time: 1, seq: 1 });
    for await (const doc of cursor) yield toEvent(doc);
  }
}
