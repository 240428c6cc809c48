import { applyOnce, outboxEntries, withOutbox, type OutboundEvent, type OutboxEntry } from '@guichet/platform';
import type { mongo } from 'mongoose';
import type { CaseStore, SaveOutcome, StoredCase } from '../../application/ports.js';
import type { CaseProjection } from '../../domain/case-projection.js';
import { isDuplicateKey } from './collections.js';

export interface CaseDocument extends CaseProjection {
  _id: string;
  version: number;
  outbox?: OutboxEntry[];
  processedEventIds?: string[];
}

const OPTIONAL_FIELDS = ['territory', 'status', 'consents', 'person', 'profile', 'accepted'] as const satisfies readonly (keyof CaseProjection)[];

/** `$set` for what the state has, `$unset` for what it no longer has (erased personal data). */
function replaceState(state: CaseProjection, version: number): mongo.UpdateFilter<CaseDocument> {
  const set: Record<string, unknown> = { version };
  for (const [key, value] of Object.entries(state)) if (value !== undefined) set[key] = value;
  const unset = Object.fromEntries(OPTIONAL_FIELDS.filter((key) => state[key] === undefined).map((key) => [key, '']));
  return { $set: set, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}) } as mongo.UpdateFilter<CaseDocument>;
}

/** Case projections, one document per request, with their outbox of stakeholder events. */
export class MongoCaseStore implements CaseStore {
  constructor(readonly collection: mongo.Collection<CaseDocument>) {}

  async load(requestId: string, eventId: string): Promise<StoredCase | undefined> {
    const doc = await this.collection.findOne({ _id: requestId }, { projection: { outbox: 0 } });
    if (!doc) return undefined;
    const { _id, version, processedEventIds, outbox: _outbox, ...state } = doc;
    return { state, version, seen: (processedEventIds ?? []).includes(eventId) };
  }

  async save(requestId: string, expectedVersion: number | undefined, eventId: string, state: CaseProjection, events: readonly OutboundEvent[]): Promise<SaveOutcome> {
    if (expectedVersion === undefined) {
      try {
        await this.collection.insertOne({ ...state, _id: requestId, version: 1, outbox: outboxEntries(events), processedEventIds: [eventId] });
        return 'applied';
      } catch (error) {
        if (isDuplicateKey(error)) return 'conflict';
        throw error;
      }
    }
    const outcome = await applyOnce(this.collection, { _id: requestId, version: expectedVersion }, eventId, withOutbox(replaceState(state, expectedVersion + 1), events));
    if (outcome === 'applied') return 'applied';
    return outcome === 'duplicate' ? 'duplicate' : 'conflict';
  }
}
