import type { ProposalSet } from '@guichet/contracts';
import { ClaimedRevisions, fulfilled, GroupCommit, GroupWhileBusy, outboxEntries, unpackJson, type InsertManyTarget, type OutboundEvent, type OutboxEntry, type RevisionClaim } from '@guichet/platform';
import type * as mongo from 'mongodb';
import { proposalDigest } from '../../domain/index.js';
import type { AffectedQuery, ApplyOptions, ApplyOutcome, RequestChange, RequestStore, StoredRequest } from '../../application/ports.js';
import { WRITE, type OutboxEvents, type ProposalSetDocument, type RequestDocument } from './collections.js';
import { packProposalSet, unpackProposalSet } from './packed-proposal-set.js';
import { emptyRequest, guardHolds, hasProcessed, isWritten, revise } from './request-revision.js';

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
    revision: doc.revision ?? 0,
  };
}

const PROJECTION = { processedEventIds: 0 } as const;
/** Requests read by one `find`: the events of a consumer's batch, and more. */
const READS = 100;
/** Writes of the same request that came first (another instance, another event), before giving up. */
const RACES = 20;

const PROPOSALS_COMPUTED = 'fr.sante.guichet.matching.proposals-computed.v1';

/**
 * Requests as matching keeps them: small documents, each change the claim of the revision after
 * the one read (`ClaimedRevisions`: an insert under a unique key, so of the writers of a
 * revision in any instance exactly one wins), with the ids of the events applied; proposal sets
 * in insert-only documents, and the events about requests written to the platform's outbox,
 * then published at once. Inserts of concurrent callers are grouped (one insertMany per round), and
 * so are their reads of requests (one find).
 */
export class MongoRequestStore implements RequestStore {
  private readonly empties: GroupCommit<RequestDocument>;
  private readonly newSets: GroupCommit<ProposalSetDocument>;
  private readonly revisions: ClaimedRevisions<RequestDocument>;
  /** Requests read while a read is under way go together in the next `find`. */
  private readonly reads: GroupWhileBusy<string, RequestDocument | undefined>;
  /** The document each reading `get` returned was made from, so that a change based on it writes without reading again. */
  private readonly readings = new WeakMap<StoredRequest, RequestDocument>();

  constructor(
    private readonly requests: mongo.Collection<RequestDocument>,
    claims: mongo.Collection<RevisionClaim<RequestDocument>>,
    private readonly proposalSets: mongo.Collection<ProposalSetDocument>,
    private readonly events: OutboxEvents,
  ) {
    this.empties = new GroupCommit(insertsOf(requests));
    this.newSets = new GroupCommit(insertsOf(proposalSets), { maxBatch: 100 });
    this.revisions = new ClaimedRevisions(requests, claims);
    this.reads = new GroupWhileBusy((ids) => this.findAll(ids), { maxWeight: READS });
  }

  /**
   * The latest revision, wherever its last writer got to; undefined while none was written. A
   * request never stored has no claim either: its first writer inserts the document before.
   */
  private async latest(requestId: string): Promise<RequestDocument | undefined> {
    const stored = await this.reads.run(requestId);
    const doc = stored === undefined ? undefined : await this.revisions.read(requestId, stored);
    return isWritten(doc) ? doc : undefined;
  }

  private async findAll(ids: readonly string[]) {
    const docs = await this.requests.find({ _id: { $in: [...new Set(ids)] } }).toArray();
    const byId = new Map(docs.map((doc) => [doc._id, doc as RequestDocument]));
    return ids.map((id) => fulfilled(byId.get(id)));
  }

  async get(requestId: string): Promise<StoredRequest | null> {
    const doc = await this.latest(requestId);
    if (!doc) return null;
    const stored = toStored(doc);
    this.readings.set(stored, doc);
    return stored;
  }

  /**
   * The latest revision, or the one a change is based on when this store read it (or none, for a
   * creation based on its absence): a write since then claimed the revision after it, so the write
   * of the change is lost and told `moved`.
   */
  private async startingPoint(requestId: string, { basedOn, upsert }: ApplyOptions): Promise<RequestDocument | undefined> {
    if (basedOn === null && upsert) return undefined;
    return (basedOn && this.readings.get(basedOn)) ?? (await this.latest(requestId));
  }

  async hasProcessed(requestId: string, eventId: string): Promise<boolean> {
    return hasProcessed(await this.latest(requestId), eventId);
  }

  async saveProposals(proposals: ProposalSet, event: OutboundEvent): Promise<ProposalSet> {
    let stored = proposals;
    if ((await this.newSets.insertOne({ _id: proposals.proposalSetId, requestId: proposals.requestId, ...packProposalSet(proposals) })) === 'duplicate') {
      stored = (await this.proposals(proposals.proposalSetId)) ?? proposals;
    }
    // The outbox keeps the event without the digest of the set just stored (`completeEvent` puts it back); it is published from memory.
    const [entry] = outboxEntries([event]);
    const full = { ...(entry as OutboxEntry), data: proposalDigest(stored) };
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
   * An event as the sweep publishes it: a `proposals-computed` event with the digest of its set as stored; none
   * when the set is missing (a stop cut its insert: the request's event is redelivered and redoes both).
   */
  async completeEvent(entry: OutboxEntry): Promise<OutboxEntry | undefined> {
    if (entry.type !== PROPOSALS_COMPUTED) return entry;
    const { proposalSetId } = entry.data as { proposalSetId: string };
    const set = await this.proposals(proposalSetId);
    return set === null ? undefined : { ...entry, data: proposalDigest(set) };
  }

  async proposals(proposalSetId: string): Promise<ProposalSet | null> {
    const doc = await this.proposalSets.findOne({ _id: proposalSetId }, { projection: { set: 1, packed: 1, eligibility: 1, bundleEligibility: 1 } });
    if (doc?.packed && doc.eligibility && doc.bundleEligibility) return unpackProposalSet({ packed: doc.packed, eligibility: doc.eligibility, bundleEligibility: doc.bundleEligibility });
    if (doc?.packed) return unpackJson<ProposalSet>(doc.packed);
    return doc?.set ?? null;
  }

  async apply(requestId: string, eventId: string, change: RequestChange, options: ApplyOptions = {}): Promise<ApplyOutcome> {
    for (let race = 0; race < RACES; race += 1) {
      const current = race === 0 ? await this.startingPoint(requestId, options) : await this.latest(requestId);
      if (hasProcessed(current, eventId)) return 'duplicate';
      if (options.basedOn !== undefined && (current?.revision ?? 0) !== (options.basedOn?.revision ?? 0)) return 'moved';
      if (current === undefined && !options.upsert) return 'not-found';
      if (current !== undefined && !guardHolds(current, options.guard)) return options.upsert ? 'duplicate' : 'not-found';
      const base = current ?? emptyRequest(requestId);
      // The first write of a request follows the empty revision every creator inserts; one of them stores it.
      if (current === undefined) await this.empties.insertOne(base);
      if ((await this.revisions.write(base, revise(base, change, eventId))) === 'written') return 'applied';
      if (options.basedOn !== undefined) return 'moved';
    }
    throw new Error(`demande ${requestId} : écriture concurrente persistante`);
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
