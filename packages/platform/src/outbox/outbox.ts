import type * as mongo from 'mongodb';
import { systemClock, type Clock } from '../clock.js';
import type { OutboundEvent } from '../kafka/cloudevents.js';
import { GroupCommit, type InsertOutcome } from '../mongo/group-commit.js';
import { unpackJson } from '../mongo/packed-json.js';
import { retryBusyWrites } from '../mongo/write-safeguards.js';
import { captureTraceContext } from '../telemetry/trace-context.js';

/** An event waiting to be published, with the trace context of the command that caused it. */
export type OutboxEntry = OutboundEvent;

/** The field of a written document that holds the events the write produced. */
export const OUTBOX_FIELD = 'outbox';

/** The events as outbox entries, each stamped with the active trace context unless it has one. */
export function outboxEntries(events: readonly OutboundEvent[]): OutboxEntry[] {
  const active = captureTraceContext();
  return events.map((event) => {
    const own = event.traceparent ? { traceparent: event.traceparent, tracestate: event.tracestate } : active;
    const entry: OutboxEntry = { id: event.id, type: event.type, source: event.source, subject: event.subject, time: event.time, key: event.key, data: event.data };
    if (own.traceparent) entry.traceparent = own.traceparent;
    if (own.tracestate) entry.tracestate = own.tracestate;
    return entry;
  });
}

/**
 * A write whose events are not known to be published yet. Either the write itself (`outbox`
 * holds its events), or the announcement of a write of the document with the same `_id` in the
 * collection `in`, whose `outbox` field holds them: announced before that write, so that a stop
 * right after it loses nothing. Removed once the events are published.
 */
export interface PendingWrite {
  _id: string;
  /** When it was announced or written: the sweep takes only what is older than its delay. */
  at: string;
  outbox?: OutboxEntry[];
  in?: string;
}

export interface OutboxOptions {
  /** The collection of pending writes; `outbox` by default. */
  collection?: string;
  clock?: Clock;
}

/**
 * The store side of the outbox: a small collection of the writes whose events wait. A service
 * writes its state and the events it produced in one single-document insert, either into its own
 * collection (`announce` first, the document's `outbox` field holding the events) or as a pending
 * write of its own (`append`). Only inserts under unique keys and deletes by key: what every
 * MongoDB-wire server gives, whatever the number of instances writing.
 */
export class Outbox {
  readonly pending: mongo.Collection<PendingWrite>;
  private readonly inserts: GroupCommit<PendingWrite>;
  private readonly clock: Clock;

  constructor(
    readonly db: mongo.Db,
    { collection = 'outbox', clock = systemClock }: OutboxOptions = {},
  ) {
    this.pending = retryBusyWrites(db.collection<PendingWrite>(collection));
    this.inserts = new GroupCommit(this.pending);
    this.clock = clock;
  }

  /** The index the sweep reads by. */
  async ensureIndexes(): Promise<void> {
    await this.pending.createIndex({ at: 1 });
  }

  /**
   * Tells that the document `key` of `collection` is about to be written with events in its
   * `outbox` field. A writer that then loses its write leaves the announcement to the winner of
   * the same key, which publishes its own events.
   */
  async announce(collection: string, key: string): Promise<void> {
    await this.inserts.insertOne({ _id: key, at: this.clock.now().toISOString(), in: collection });
  }

  /** Events stored as a write of their own; `duplicate` when that key was written already. */
  append(key: string, entries: readonly OutboxEntry[]): Promise<InsertOutcome> {
    return this.inserts.insertOne({ _id: key, at: this.clock.now().toISOString(), outbox: [...entries] });
  }

  /** The writes whose events are published: they leave the pending writes. */
  async settle(keys: readonly string[]): Promise<void> {
    if (keys.length === 1) await this.pending.deleteOne({ _id: keys[0] as string });
    else if (keys.length > 1) await this.pending.deleteMany({ _id: { $in: [...keys] } });
  }

  /** Pending writes older than `before`, oldest first. */
  olderThan(before: Date, limit: number): Promise<PendingWrite[]> {
    return this.pending.find({ at: { $lt: before.toISOString() } }, { sort: { at: 1, _id: 1 }, limit }).toArray();
  }

  /** The events of a pending write; undefined when its announced document is not written (yet, or ever). */
  async entriesOf(pending: PendingWrite): Promise<OutboxEntry[] | undefined> {
    if (pending.in === undefined) return pending.outbox ?? [];
    const written = await this.db.collection<{ _id: string; outbox?: OutboxEntry[]; packedWrite?: mongo.Binary }>(pending.in).findOne({ _id: pending._id }, { projection: { [OUTBOX_FIELD]: 1, packedWrite: 1 } });
    if (written === null) return undefined;
    // A claim of ClaimedRevisions written packed holds its events there.
    return (written.packedWrite === undefined ? written.outbox : unpackJson<{ outbox?: OutboxEntry[] }>(written.packedWrite).outbox) ?? [];
  }

  /** When the oldest pending write was announced or written; undefined when none waits. */
  async oldestPendingAt(): Promise<Date | undefined> {
    const [oldest] = await this.pending.find({}, { sort: { at: 1 }, limit: 1, projection: { at: 1 } }).toArray();
    return oldest === undefined ? undefined : new Date(oldest.at);
  }

  timeNow(): Date {
    return this.clock.now();
  }
}
