import type { ProposalSet } from '@guichet/contracts';
import { applyOnce, outboxEntries, type OutboundEvent } from '@guichet/platform';
import type { mongo } from 'mongoose';
import type { AffectedQuery, RequestChange, RequestGuard, RequestStore, StoredRequest } from '../../application/ports.js';
import { isDuplicateKey, noNudge, WRITE, type Nudge, type ProposalSetDocument, type RequestDocument, type RequestEventDocument } from './collections.js';

function toStored(doc: RequestDocument): StoredRequest {
  return {
    requestId: doc._id,
    version: doc.version,
    status: doc.status,
    territory: doc.territory,
    ...(doc.submittedAt ? { submittedAt: doc.submittedAt } : {}),
    ...(doc.request ? { request: doc.request } : {}),
    ...(doc.reach ? { reach: doc.reach } : {}),
    excludedOfferIds: doc.excludedOfferIds ?? [],
    ...(doc.proposalSetId ? { proposalSetId: doc.proposalSetId } : {}),
    ...(doc.reservation ? { reservation: doc.reservation } : {}),
    recomputations: doc.recomputations ?? 0,
  };
}

const PROJECTION = { processedEventIds: 0 } as const;
/** A write checked and repeated after a concurrent overwrite; more would mean a broken server. */
const WRITE_ATTEMPTS = 5;

/**
 * Requests as matching keeps them (small documents, changed once per cause event through
 * `applyOnce`), proposal sets and other events in insert-only documents carrying their outbox.
 */
export class MongoRequestStore implements RequestStore {
  constructor(
    private readonly requests: mongo.Collection<RequestDocument>,
    private readonly proposalSets: mongo.Collection<ProposalSetDocument>,
    private readonly events: mongo.Collection<RequestEventDocument>,
    private readonly nudge: Nudge = noNudge,
  ) {}

  async get(requestId: string): Promise<StoredRequest | null> {
    const doc = await this.requests.findOne({ _id: requestId }, { projection: PROJECTION });
    return doc ? toStored(doc) : null;
  }

  async hasProcessed(requestId: string, eventId: string): Promise<boolean> {
    return (await this.requests.countDocuments({ _id: requestId, processedEventIds: eventId }, { limit: 1 })) > 0;
  }

  async saveProposals(proposals: ProposalSet, event: OutboundEvent): Promise<ProposalSet> {
    let stored = proposals;
    try {
      await this.proposalSets.insertOne({ _id: proposals.proposalSetId, requestId: proposals.requestId, set: proposals }, WRITE);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      stored = (await this.proposals(proposals.proposalSetId)) ?? proposals;
    }
    await this.emit(proposals.requestId, [stored === proposals ? event : { ...event, data: stored }]);
    return stored;
  }

  async proposals(proposalSetId: string): Promise<ProposalSet | null> {
    const doc = await this.proposalSets.findOne({ _id: proposalSetId }, { projection: { set: 1 } });
    return doc?.set ?? null;
  }

  async emit(requestId: string, events: readonly OutboundEvent[]): Promise<void> {
    for (const event of events) {
      try {
        await this.events.insertOne({ _id: event.id, requestId, type: event.type, outbox: outboxEntries([event]) }, WRITE);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    this.nudge();
  }

  /**
   * Removes event documents the relay has emptied: the relay finds pending entries by scanning
   * its collection, so published ones must not pile up there.
   */
  async sweepPublished(): Promise<number> {
    return (await this.events.deleteMany({ 'outbox.0': { $exists: false } })).deletedCount;
  }

  async apply(requestId: string, eventId: string, change: RequestChange, options: { guard?: RequestGuard; upsert?: boolean } = {}): Promise<'applied' | 'duplicate' | 'not-found'> {
    const filter: mongo.Filter<mongo.Document> = { _id: requestId as unknown as mongo.ObjectId, ...guardFilter(options.guard) };
    // Through JSON so that no `undefined` reaches the driver, which would store it as null.
    const set = JSON.parse(JSON.stringify(change.set ?? {})) as Partial<RequestDocument>;
    const update: mongo.UpdateFilter<mongo.Document> = {};
    if (Object.keys(set).length > 0) update.$set = set;
    if (change.unset && change.unset.length > 0) update.$unset = Object.fromEntries(change.unset.map((field) => [field, '']));
    if (change.recomputed) update.$inc = { recomputations: 1 };
    if (options.upsert && !('excludedOfferIds' in set)) update.$setOnInsert = { excludedOfferIds: [] };
    const collection = this.requests as unknown as mongo.Collection<mongo.Document>;
    // FerretDB 1.x applies updates as read-modify-write, so a concurrent write of the same
    // document can undo this one; the event id recorded with it tells whether it stuck.
    for (let attempt = 0; ; attempt += 1) {
      const outcome = await applyOnce(collection, filter, eventId, update, { upsert: options.upsert ?? false });
      if (outcome !== 'applied' || attempt >= WRITE_ATTEMPTS - 1 || (await this.hasProcessed(requestId, eventId))) return outcome;
    }
  }

  async findOpen(query: AffectedQuery): Promise<StoredRequest[]> {
    const clauses: mongo.Filter<RequestDocument>[] = [];
    const { area } = query;
    if (area) {
      clauses.push({ 'reach.minLat': { $lte: area.maxLat }, 'reach.maxLat': { $gte: area.minLat }, 'reach.minLng': { $lte: area.maxLng }, 'reach.maxLng': { $gte: area.minLng } } as mongo.Filter<RequestDocument>);
    }
    if (query.departements?.length) clauses.push({ 'reach.departements': { $in: [...query.departements] } } as mongo.Filter<RequestDocument>);
    if (query.communes?.length) clauses.push({ 'reach.communes': { $in: [...query.communes] } } as mongo.Filter<RequestDocument>);
    if (query.offerIds?.length) clauses.push({ 'reach.offerIds': { $in: [...query.offerIds] } } as mongo.Filter<RequestDocument>);
    if (!query.everywhere && clauses.length === 0) return [];
    const filter: mongo.Filter<RequestDocument> = query.everywhere ? { status: 'open' } : { status: 'open', $or: clauses };
    const docs = await this.requests.find(filter, { projection: PROJECTION, sort: { _id: 1 } }).toArray();
    return docs.map(toStored);
  }
}

function guardFilter(guard: RequestGuard | undefined): Record<string, unknown> {
  if (!guard) return {};
  return {
    ...(guard.version !== undefined ? { version: guard.version } : {}),
    ...(guard.olderThan !== undefined ? { version: { $lt: guard.olderThan } } : {}),
    ...(guard.status !== undefined ? { status: guard.status } : {}),
  };
}
