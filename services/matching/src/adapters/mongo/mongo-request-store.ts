import type { ProposalSet } from '@guichet/contracts';
import { applyOnce, GroupCommit, outboxEntries, packJson, unpackJson, type InsertManyTarget, type OutboundEvent, type OutboxEntry } from '@guichet/platform';
import type { mongo } from 'mongoose';
import type { AffectedQuery, RequestChange, RequestGuard, RequestStore, StoredRequest } from '../../application/ports.js';
import { WRITE, type ProposalSetDocument, type RequestDocument, type RequestEventDocument } from './collections.js';
import type { EventRelease } from './event-release.js';

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
 * Requests as matching keeps them (small documents, created by one insert, then changed once per
 * cause event through `applyOnce`), proposal sets and other events in insert-only documents
 * published by `release` at once and removed, the documents a failure left behind published by
 * `releaseLeftovers`. Inserts of concurrent callers are grouped (one insertMany per round).
 */
export class MongoRequestStore implements RequestStore {
  private readonly newRequests: GroupCommit<RequestDocument>;
  private readonly newSets: GroupCommit<ProposalSetDocument>;
  private readonly newEvents: GroupCommit<RequestEventDocument>;
  private releasing: Promise<number> | undefined;
  private readonly inFlight = new Set<string>();
  private readonly touched = new Set<string>();

  constructor(
    private readonly requests: mongo.Collection<RequestDocument>,
    private readonly proposalSets: mongo.Collection<ProposalSetDocument>,
    private readonly events: mongo.Collection<RequestEventDocument>,
    private readonly release: EventRelease,
  ) {
    this.newRequests = new GroupCommit(insertsOf(requests));
    this.newSets = new GroupCommit(insertsOf(proposalSets), { maxBatch: 100 });
    this.newEvents = new GroupCommit(insertsOf(events), { maxBatch: 100 });
  }

  async get(requestId: string): Promise<StoredRequest | null> {
    const doc = await this.requests.findOne({ _id: requestId }, { projection: PROJECTION });
    return doc ? toStored(doc) : null;
  }

  async hasProcessed(requestId: string, eventId: string): Promise<boolean> {
    return (await this.requests.countDocuments({ _id: requestId, processedEventIds: eventId }, { limit: 1 })) > 0;
  }

  async saveProposals(proposals: ProposalSet, event: OutboundEvent): Promise<ProposalSet> {
    let stored = proposals;
    if ((await this.newSets.insertOne({ _id: proposals.proposalSetId, requestId: proposals.requestId, packed: packJson(proposals) })) === 'duplicate') {
      stored = (await this.proposals(proposals.proposalSetId)) ?? proposals;
    }
    // The event is stored without its data, the set just stored; it is published from memory.
    const [entry] = outboxEntries([event]);
    const { data: _data, ...rest } = entry as OutboxEntry;
    const marker: RequestEventDocument = { _id: event.id, requestId: proposals.requestId, type: event.type, pendingSet: { proposalSetId: stored.proposalSetId, entry: rest } };
    await this.store([marker], [{ ...rest, data: stored }]);
    return stored;
  }

  async emit(requestId: string, events: readonly OutboundEvent[]): Promise<void> {
    const entries = outboxEntries(events);
    await this.store(
      entries.map((entry) => ({ _id: entry.id, requestId, type: entry.type, pendingEvent: entry })),
      entries,
    );
  }

  /**
   * Stores events (one document each), then publishes those newly stored and removes them. An
   * event already stored was published or is a leftover, which `releaseLeftovers` sends; a failed
   * publication leaves them stored for it too. Events in flight are not leftovers.
   */
  private async store(documents: readonly RequestEventDocument[], entries: readonly OutboxEntry[]): Promise<void> {
    for (const doc of documents) {
      this.inFlight.add(doc._id);
      this.touched.add(doc._id);
    }
    try {
      const outcomes = await this.newEvents.insertMany(documents);
      await this.release.publish(entries.filter((_, i) => outcomes[i] === 'inserted')).catch(() => undefined);
    } finally {
      for (const doc of documents) this.inFlight.delete(doc._id);
    }
  }

  /**
   * Publishes the stored events a failure (or a stop) left behind, at start and every few
   * seconds; the collection holds only such leftovers and the events in flight, so its scan is
   * short.
   */
  releaseLeftovers(): Promise<number> {
    this.releasing ??= this.releaseRound().finally(() => (this.releasing = undefined));
    return this.releasing;
  }

  private async releaseRound(): Promise<number> {
    // Not leftovers: the events in flight when the round starts or written since (a writer may finish between the read and now).
    const busy = new Set(this.inFlight);
    this.touched.clear();
    const leftovers = await this.events.find({ $or: [{ pendingSet: { $exists: true } }, { pendingEvent: { $exists: true } }] }, { limit: 100 }).toArray();
    let published = 0;
    for (const doc of leftovers) {
      if (busy.has(doc._id) || this.touched.has(doc._id)) continue;
      if (doc.pendingEvent) {
        await this.release.publish([doc.pendingEvent]);
        published += 1;
        continue;
      }
      if (!doc.pendingSet) continue;
      const set = await this.proposals(doc.pendingSet.proposalSetId);
      // A marker without its set was written before a crash cut the set's insert: the request's event is redelivered and redoes both.
      if (!set) await this.forget([doc._id]);
      else {
        await this.release.publish([{ ...doc.pendingSet.entry, data: set }]);
        published += 1;
      }
    }
    return published;
  }

  async proposals(proposalSetId: string): Promise<ProposalSet | null> {
    const doc = await this.proposalSets.findOne({ _id: proposalSetId }, { projection: { set: 1, packed: 1 } });
    if (doc?.packed) return unpackJson<ProposalSet>(doc.packed);
    return doc?.set ?? null;
  }

  /** Removes published event documents by id (the collection holds only the few not yet removed). */
  async forget(eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 1) await this.events.deleteOne({ _id: eventIds[0] as string });
    else if (eventIds.length > 1) await this.events.deleteMany({ _id: { $in: [...eventIds] } });
  }

  async apply(requestId: string, eventId: string, change: RequestChange, options: { guard?: RequestGuard; upsert?: boolean; absent?: boolean } = {}): Promise<'applied' | 'duplicate' | 'not-found'> {
    if (options.upsert && options.absent) {
      const created = await this.create(requestId, eventId, change);
      if (created === 'inserted') return 'applied';
    }
    const filter: mongo.Filter<mongo.Document> = { _id: requestId as unknown as mongo.ObjectId, ...guardFilter(options.guard) };
    const set = withoutUndefined(change.set ?? {}) as Partial<RequestDocument>;
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

  /** A new request in one grouped insert; `duplicate` when it was created meanwhile (then `apply` decides). */
  private create(requestId: string, eventId: string, change: RequestChange): Promise<'inserted' | 'duplicate'> {
    const set = withoutUndefined(change.set ?? {}) as Partial<RequestDocument>;
    const doc = { excludedOfferIds: [], ...set, _id: requestId, recomputations: change.recomputed ? 1 : 0, processedEventIds: [eventId] } as RequestDocument;
    return this.newRequests.insertOne(doc);
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

/** Grouped inserts that leave out undefined fields, as single inserts did. */
function insertsOf<T extends mongo.Document>(collection: mongo.Collection<T>): InsertManyTarget<T> {
  return { insertMany: (documents, options) => collection.insertMany(documents as mongo.OptionalUnlessRequiredId<T>[], { ...options, ...WRITE }) };
}

// Through JSON so that no `undefined` reaches the driver, which would store it as null.
function withoutUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function guardFilter(guard: RequestGuard | undefined): Record<string, unknown> {
  if (!guard) return {};
  return {
    ...(guard.version !== undefined ? { version: guard.version } : {}),
    ...(guard.olderThan !== undefined ? { version: { $lt: guard.olderThan } } : {}),
    ...(guard.status !== undefined ? { status: guard.status } : {}),
  };
}
