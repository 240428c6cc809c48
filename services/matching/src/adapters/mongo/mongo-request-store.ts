import type { ProposalSet } from '@guichet/contracts';
import { applyOnce, GroupCommit, outboxEntries, packJson, unpackJson, type InsertManyTarget, type OutboundEvent, type OutboxEntry } from '@guichet/platform';
import type * as mongo from 'mongodb';
import type { AffectedQuery, RequestChange, RequestGuard, RequestStore, StoredRequest } from '../../application/ports.js';
import { WRITE, type OutboxEvents, type ProposalSetDocument, type RequestDocument } from './collections.js';

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

const PROPOSALS_COMPUTED = 'fr.sante.guichet.matching.proposals-computed.v1';

/**
 * Requests as matching keeps them (small documents, created by one insert, then changed once per
 * cause event through `applyOnce`), proposal sets in insert-only documents, and the events about
 * requests written to the platform's outbox, then published at once. Inserts of concurrent
 * callers are grouped (one insertMany per round).
 */
export class MongoRequestStore implements RequestStore {
  private readonly newRequests: GroupCommit<RequestDocument>;
  private readonly newSets: GroupCommit<ProposalSetDocument>;

  constructor(
    private readonly requests: mongo.Collection<RequestDocument>,
    private readonly proposalSets: mongo.Collection<ProposalSetDocument>,
    private readonly events: OutboxEvents,
  ) {
    this.newRequests = new GroupCommit(insertsOf(requests));
    this.newSets = new GroupCommit(insertsOf(proposalSets), { maxBatch: 100 });
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
    // The outbox keeps the event without the set just stored (`completeEvent` puts it back); it is published from memory.
    const [entry] = outboxEntries([event]);
    const full = { ...(entry as OutboxEntry), data: stored };
    await this.store(event.id, [{ ...full, data: { proposalSetId: stored.proposalSetId } }], [full]);
    return stored;
  }

  async emit(_requestId: string, events: readonly OutboundEvent[]): Promise<void> {
    const entries = outboxEntries(events);
    const [first] = entries;
    if (first !== undefined) await this.store(first.id, entries, entries);
  }

  /** One write of the events, published at once when it is new: one already stored is published, or pending for the sweep. */
  private async store(key: string, stored: readonly OutboxEntry[], sent: readonly OutboxEntry[]): Promise<void> {
    if ((await this.events.outbox.append(key, stored)) === 'inserted') await this.events.publisher.publish(key, sent);
  }

  /**
   * An event as the sweep publishes it: a `proposals-computed` event with its set as stored; none
   * when the set is missing (a stop cut its insert: the request's event is redelivered and redoes both).
   */
  async completeEvent(entry: OutboxEntry): Promise<OutboxEntry | undefined> {
    if (entry.type !== PROPOSALS_COMPUTED) return entry;
    const { proposalSetId } = entry.data as { proposalSetId: string };
    const set = await this.proposals(proposalSetId);
    return set === null ? undefined : { ...entry, data: set };
  }

  async proposals(proposalSetId: string): Promise<ProposalSet | null> {
    const doc = await this.proposalSets.findOne({ _id: proposalSetId }, { projection: { set: 1, packed: 1 } });
    if (doc?.packed) return unpackJson<ProposalSet>(doc.packed);
    return doc?.set ?? null;
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
