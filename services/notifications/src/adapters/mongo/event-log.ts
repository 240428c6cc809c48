import type { Territory } from '@guichet/contracts';
import { GroupCommit } from '@guichet/platform';
import type * as mongo from 'mongodb';
import type { EventLog, StoredStakeholderEvent } from '../../application/ports.js';
import { withoutIdentity } from '../../domain/erasure.js';
import type { Stakeholder } from '../../domain/stakeholders.js';
import { insertNew } from './collections.js';

/** What an event carries that no query looks into, kept as JSON text. */
interface Content {
  data: Record<string, unknown>;
  territory?: Territory;
  traceparent?: string;
}

/**
 * An event as kept: the fields queries filter and sort on, and the rest as one JSON string.
 * The MongoDB-wire server of the local stack (FerretDB on SQLite) encodes every field of a
 * document with its type, so one string instead of the nested data roughly halves its CPU per
 * insert (bench/RESULTS.md).
 */
interface EventDocument {
  _id: string;
  type: string;
  stakeholder: Stakeholder;
  requestId: string;
  time: Date;
  seq: number;
  content: string;
}

/** Events kept before the content was a string carry its fields as they are. */
type StoredDocument = EventDocument | (Omit<EventDocument, 'content'> & Content & { content?: undefined });

const toDocument = ({ id, type, stakeholder, requestId, time, seq, data, territory, traceparent }: StoredStakeholderEvent): EventDocument => ({
  _id: id,
  type,
  stakeholder,
  requestId,
  time,
  seq,
  content: JSON.stringify({ data, ...(territory ? { territory } : {}), ...(traceparent ? { traceparent } : {}) } satisfies Content),
});

function toEvent(doc: StoredDocument): StoredStakeholderEvent {
  const { data, territory, traceparent } = doc.content === undefined ? doc : (JSON.parse(doc.content) as Content);
  return {
    id: doc._id,
    type: doc.type,
    stakeholder: doc.stakeholder,
    requestId: doc.requestId,
    time: doc.time,
    seq: doc.seq,
    data,
    ...(territory ? { territory } : {}),
    ...(traceparent ? { traceparent } : {}),
  };
}

/** Stakeholder events as published, kept for deliveries and replays as long as the partner events' retention (PARTNER_EVENTS_RETENTION_DAYS). */
export class MongoEventLog implements EventLog {
  private readonly inserts: GroupCommit<EventDocument>;

  constructor(private readonly collection: mongo.Collection<StoredDocument>) {
    this.inserts = new GroupCommit(collection as unknown as mongo.Collection<EventDocument>);
  }

  async recordMany(events: readonly StoredStakeholderEvent[]): Promise<Set<string>> {
    return insertNew(this.inserts, events.map(toDocument));
  }

  async forget(requestId: string): Promise<void> {
    const kept = (await this.collection.find({ requestId }).toArray()).map(toEvent);
    if (kept.length === 0) return;
    await this.collection.bulkWrite(
      kept.map((event) => {
        const { _id, ...replacement } = toDocument({ ...event, data: withoutIdentity(event.data) });
        return { replaceOne: { filter: { _id }, replacement } };
      }),
      { ordered: false },
    );
  }

  async byIds(ids: readonly string[]): Promise<Map<string, StoredStakeholderEvent>> {
    if (ids.length === 0) return new Map();
    const docs = await this.collection.find({ _id: { $in: [...ids] } }).toArray();
    return new Map(docs.map((doc) => [doc._id, toEvent(doc)]));
  }

  async purgeBefore(time: Date): Promise<number> {
    return (await this.collection.deleteMany({ time: { $lt: time } })).deletedCount;
  }

  async *since(stakeholder: Stakeholder, from: Date, until: Date | undefined, types: readonly string[]): AsyncIterable<StoredStakeholderEvent> {
    const time = until ? { $gte: from, $lt: until } : { $gte: from };
    const cursor = this.collection.find({ stakeholder, time, type: { $in: [...types] } }).sort({ time: 1, seq: 1 });
    for await (const doc of cursor) yield toEvent(doc);
  }
}
