import { GroupCommit, PROCESSED_WINDOW, type OutboxEntry } from '@guichet/platform';
import type { mongo } from 'mongoose';
import type { CaseStore, SaveOutcome, StoredCase } from '../../application/ports.js';
import type { CaseProjection } from '../../domain/case-projection.js';

export interface CaseDocument extends CaseProjection {
  _id: string;
  version: number;
  outbox?: OutboxEntry[];
  processedEventIds?: string[];
}

const OPTIONAL_FIELDS = ['territory', 'status', 'consents', 'person', 'profile', 'accepted'] as const satisfies readonly (keyof CaseProjection)[];

/**
 * Case projections, one document per request, with their outbox of stakeholder events.
 *
 * Every write of a case is made under that case's lock (one process per database), so a save is
 * one update guarded by the version, with the event id recorded in it: no guard on the id list
 * and no second update to trim it (each update scans the collection on the local MongoDB-wire
 * server). A new case is an insert, grouped with those of other cases.
 */
export class MongoCaseStore implements CaseStore {
  private readonly inserts: GroupCommit<CaseDocument>;

  constructor(readonly collection: mongo.Collection<CaseDocument>) {
    this.inserts = new GroupCommit(collection);
  }

  async load(requestId: string): Promise<StoredCase | undefined> {
    const doc = await this.collection.findOne({ _id: requestId });
    if (!doc) return undefined;
    const { _id, version, processedEventIds = [], outbox = [], ...state } = doc;
    return { state, version, processedEventIds, queued: outbox };
  }

  async save(requestId: string, before: StoredCase | undefined, eventId: string, state: CaseProjection, entries: readonly OutboxEntry[]): Promise<SaveOutcome> {
    if (!before) {
      const outcome = await this.inserts.insertOne({ ...state, _id: requestId, version: 1, outbox: [...entries], processedEventIds: [eventId] });
      return outcome === 'inserted' ? 'applied' : 'conflict';
    }
    const set: Record<string, unknown> = { version: before.version + 1, processedEventIds: [...before.processedEventIds, eventId].slice(-PROCESSED_WINDOW) };
    for (const [key, value] of Object.entries(state)) if (value !== undefined) set[key] = value;
    // What the state no longer has (erased personal data) leaves the document.
    const unset = Object.fromEntries(OPTIONAL_FIELDS.filter((key) => state[key] === undefined).map((key) => [key, '']));
    const update = {
      $set: set,
      ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
      ...(entries.length > 0 ? { $push: { outbox: { $each: [...entries] } } } : {}),
    } as mongo.UpdateFilter<CaseDocument>;
    const result = await this.collection.updateOne({ _id: requestId, version: before.version }, update);
    return result.matchedCount === 1 ? 'applied' : 'conflict';
  }

  async clearOutbox(requestId: string): Promise<void> {
    await this.collection.updateOne({ _id: requestId }, { $set: { outbox: [] } });
  }

  async withQueuedEvents(): Promise<string[]> {
    const docs = await this.collection.find({ 'outbox.0': { $exists: true } } as mongo.Filter<CaseDocument>, { projection: { _id: 1 } }).toArray();
    return docs.map((doc) => doc._id);
  }
}
