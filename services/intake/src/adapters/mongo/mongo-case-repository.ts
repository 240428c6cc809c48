import type { ProposalDigest } from '@guichet/contracts';
import { claimKey, outboxEntries, PROCESSED_WINDOW, type OutboxEntry } from '@guichet/platform';
import type * as mongo from 'mongodb';
import type { CaseChange, CaseRepository, Page, PageRequest, QueueQuery, QueueSort, SaveOnceOutcome, SaveOutcome } from '../../application/index.js';
import { bestZone, dueAt, type CaseState, type StatusTargets } from '../../domain/index.js';
import { newAuditKey, seal, type SealedAudit } from './audit-sealing.js';
import { COLLECTIONS, proposalSetDocument, proposalSetKey, proposalSetOf, type CaseDocument, type IntakeCollections } from './collections.js';

const KEYS_CACHED = 10_000;
const DOCUMENTS_KNOWN = 10_000;
/** Claims lost to a concurrent write that left the version unchanged, before giving up. */
const CLAIM_ATTEMPTS = 5;

const SORTS: Readonly<Record<QueueSort, Record<string, 1 | -1>>> = {
  submittedAt: { submittedAt: 1 },
  '-submittedAt': { submittedAt: -1 },
  dueDate: { 'queue.dueAt': 1 },
  '-dueDate': { 'queue.dueAt': -1 },
  // The youngest case has the smallest age.
  ageDays: { submittedAt: -1 },
  '-ageDays': { submittedAt: 1 },
  status: { status: 1 },
  '-status': { status: -1 },
};

const draftSlotOf = (state: CaseState): string => (state.status === 'draft' ? `draft:${state.candidateId}` : `case:${state.id}`);

function toState(doc: CaseDocument): CaseState {
  const { _id, revision: _revision, draftSlot: _slot, queue: _queue, auditKey: _key, auditPending: _pending, outbox: _outbox, processedEventIds: _seen, ...state } = doc;
  return { id: _id, ...state };
}

type WriteOutcome = { saved: string } | 'conflict' | 'duplicate';

/** Outbox events and audit entries of one write. */
interface Entries {
  outbox: OutboxEntry[];
  audit: SealedAudit[];
}

/** A committed write of a case: its key in the outbox, and the entries to follow up. */
export interface CaseWrite extends Entries {
  key: string;
  id: string;
}

export interface MongoCaseRepositoryOptions {
  collections: IntakeCollections;
  targets: StatusTargets;
  /** Called after every successful write with the entries it made (for the case follow-up). */
  afterWrite?: (written: CaseWrite) => void;
}

/**
 * Cases in one collection, one document each. A write of a case first inserts the claim of its
 * revision (`ClaimedRevisions`) carrying the new document, the write's audit entries and its
 * events, announced to the platform's outbox: of concurrent writers of one version exactly one
 * wins, on any MongoDB-wire server and with any number of instances, and what follows the write
 * is taken from its claim if the writer stops. Received proposal sets are inserted, whole, in
 * their own collection before the write that records their summary on the case: a case document
 * stays a few kilobytes.
 */
export class MongoCaseRepository implements CaseRepository {
  private readonly keys = new Map<string, string>();
  /**
   * The latest revision this process read or wrote of recent cases: `read` checks with one
   * lookup by key that no write claimed its successor, rather than reading the case again.
   */
  private readonly known = new Map<string, CaseDocument>();

  constructor(private readonly options: MongoCaseRepositoryOptions) {}

  /** The case was erased, maybe by another instance: this process keeps nothing of it. */
  forget(id: string): void {
    this.known.delete(id);
    this.keys.delete(id);
  }

  private get collections(): IntakeCollections {
    return this.options.collections;
  }

  private remember(id: string, key: string | undefined): void {
    if (key === undefined) {
      this.keys.delete(id);
      return;
    }
    if (this.keys.size >= KEYS_CACHED) this.keys.delete(this.keys.keys().next().value as string);
    this.keys.set(id, key);
  }

  private know(doc: CaseDocument): CaseDocument {
    this.known.delete(doc._id);
    if (this.known.size >= DOCUMENTS_KNOWN) this.known.delete(this.known.keys().next().value as string);
    this.known.set(doc._id, doc);
    return doc;
  }

  /** The latest revision of a case, wherever its last writer got to; from `stored` when just read. */
  private async latest(id: string, stored?: CaseDocument): Promise<CaseDocument | undefined> {
    const doc = await this.collections.caseRevisions.read(id, this.known.get(id) ?? stored);
    if (doc === undefined) return undefined;
    this.remember(id, doc.auditKey);
    return this.know(doc);
  }

  private async auditKeyOf(id: string): Promise<string | undefined> {
    if (this.keys.has(id)) return this.keys.get(id);
    return (await this.latest(id))?.auditKey;
  }

  /** The stored fields of a state (undefined members dropped), with what the queue derives from it. */
  private fieldsOf(state: CaseState): Omit<CaseDocument, '_id'> {
    const { id: _id, ...fields } = JSON.parse(JSON.stringify(state)) as CaseState;
    const due = dueAt(state, this.options.targets);
    const zone = bestZone(state);
    return { ...fields, draftSlot: draftSlotOf(state), queue: { ...(due === undefined ? {} : { dueAt: due }), ...(zone === undefined ? {} : { bestZone: zone }) } };
  }

  recall(id: string): CaseState | undefined {
    const doc = this.known.get(id);
    return doc === undefined ? undefined : toState(doc);
  }

  async load(id: string): Promise<CaseState | undefined> {
    const doc = await this.latest(id);
    return doc === undefined ? undefined : toState(doc);
  }

  /**
   * By the draft slot, whose unique index holds one case per candidate: the case that last took it,
   * unless a write claimed since submitted it (its writer stopped before its replace).
   */
  async findOpenDraft(candidateId: string): Promise<CaseState | undefined> {
    const holder = await this.collections.cases.findOne({ draftSlot: `draft:${candidateId}` });
    const doc = holder === null ? undefined : await this.latest(holder._id, holder);
    return doc !== undefined && doc.status === 'draft' && doc.candidateId === candidateId ? toState(doc) : undefined;
  }

  async create(state: CaseState, change: CaseChange): Promise<'created' | 'draft-exists'> {
    const auditKey = newAuditKey();
    const added: Entries = { outbox: outboxEntries(change.events), audit: change.audit.map((record) => seal(record, auditKey)) };
    const doc: CaseDocument = { _id: state.id, revision: 0, ...this.fieldsOf(state), auditKey, auditPending: added.audit, outbox: added.outbox };
    await this.storeProposalSets(state.id, change.proposalSets);
    await this.collections.outbox.announce(COLLECTIONS.cases, state.id);
    let inserted = (await this.collections.grouped.cases.insertOne(doc)) === 'inserted';
    if (!inserted && (await this.freeStaleDraftSlot(state.candidateId))) inserted = (await this.collections.grouped.cases.insertOne(doc)) === 'inserted';
    if (!inserted) {
      // No case has this new id: the announcement is of nothing.
      await this.collections.outbox.settle([state.id]);
      return 'draft-exists';
    }
    this.know(doc);
    this.remember(state.id, auditKey);
    this.options.afterWrite?.({ key: state.id, id: state.id, ...added });
    return 'created';
  }

  /**
   * The candidate's draft slot held by a stored document behind its latest revision: its writer
   * stopped between the claim that submitted the draft and its replace (FerretDB killed, say), and
   * nothing wrote the case since. The document is brought to its latest revision, which frees the
   * slot; true when it was. Without it the candidate could start no draft until the case's next write.
   */
  private async freeStaleDraftSlot(candidateId: string): Promise<boolean> {
    const holder = await this.collections.cases.findOne({ draftSlot: `draft:${candidateId}` }, { projection: { _id: 1, revision: 1, draftSlot: 1 } });
    if (holder === null) return false;
    const latest = await this.collections.caseRevisions.read(holder._id);
    if (latest === undefined || latest.draftSlot === holder.draftSlot) return false;
    const { _id, ...replacement } = latest;
    const older = { _id, $or: [{ revision: { $lt: latest.revision } }, { revision: { $exists: false } }] } as mongo.Filter<CaseDocument>;
    await this.collections.cases.replaceOne(older, replacement);
    return true;
  }

  private async entriesOf(state: CaseState, change: CaseChange): Promise<Entries> {
    const key = await this.auditKeyOf(state.id);
    return { outbox: outboxEntries(change.events), audit: change.audit.map((record) => seal(record, key)) };
  }

  /** The document after a write: the new state and the write's own audit entries (its events go in its claim). */
  private nextDocument(current: CaseDocument, state: CaseState, added: Entries, eventId: string | undefined): CaseDocument {
    const erased = state.erasedAt !== undefined;
    const seen = eventId === undefined ? current.processedEventIds : [...(current.processedEventIds ?? []).slice(-(PROCESSED_WINDOW - 1)), eventId];
    return {
      _id: state.id,
      ...this.fieldsOf(state),
      // Erasure drops the key: the sealed details of the trail become unreadable, the trail stays.
      ...(erased || current.auditKey === undefined ? {} : { auditKey: current.auditKey }),
      auditPending: added.audit,
      // The creation's events stay where the outbox reads them, unless they carry what is erased.
      ...(erased || current.outbox === undefined ? {} : { outbox: current.outbox }),
      ...(seen === undefined ? {} : { processedEventIds: seen }),
    };
  }

  /**
   * The write, if the latest version is still `expectedVersion` and the event (if any) was not applied yet.
   * The first attempt follows the revision this process knows, as the command read it just before:
   * the claim's unique key refuses it if that revision was passed meanwhile, and only then is the
   * case read again.
   */
  private async claimedWrite(state: CaseState, expectedVersion: number, added: Entries, eventId?: string): Promise<WriteOutcome> {
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
      const known = attempt === 0 ? this.known.get(state.id) : undefined;
      const current = known?.version === expectedVersion ? known : await this.latest(state.id);
      if (current === undefined) return 'conflict';
      if (eventId !== undefined && (current.processedEventIds ?? []).includes(eventId)) return 'duplicate';
      if (current.version !== expectedVersion) return 'conflict';
      const next = this.nextDocument(current, state, added, eventId);
      if ((await this.collections.caseRevisions.write(current, next, added.outbox)) === 'written') {
        this.know({ ...next, revision: (current.revision ?? 0) + 1 });
        return { saved: claimKey(state.id, current.revision ?? 0) };
      }
    }
    return 'conflict';
  }

  /**
   * Before the write that refers to them: a set whose write then fails or loses its race is
   * never read, and a redelivered event finds its set there already.
   */
  private async storeProposalSets(caseId: string, sets: readonly ProposalDigest[]): Promise<void> {
    await this.collections.grouped.proposalSets.insertMany(sets.map((set) => proposalSetDocument(caseId, set)));
  }

  private async write(state: CaseState, expectedVersion: number, change: CaseChange, eventId?: string): Promise<WriteOutcome> {
    const added = await this.entriesOf(state, change);
    await this.storeProposalSets(state.id, change.proposalSets);
    const outcome = await this.claimedWrite(state, expectedVersion, added, eventId);
    if (typeof outcome !== 'object') return outcome;
    if (state.erasedAt !== undefined) {
      this.remember(state.id, undefined);
      // The snapshots of earlier revisions hold the personal data being erased.
      const erasedRevision = this.known.get(state.id)?.revision;
      if (erasedRevision !== undefined) await this.collections.caseRevisions.forgetBefore(state.id, erasedRevision);
      // Every set ever received, including those the case no longer lists: they describe the candidate's situation.
      await this.collections.proposalSets.deleteMany({ caseId: state.id });
    }
    this.options.afterWrite?.({ key: outcome.saved, id: state.id, ...added });
    return outcome;
  }

  async save(state: CaseState, expectedVersion: number, change: CaseChange): Promise<SaveOutcome> {
    return typeof (await this.write(state, expectedVersion, change)) === 'object' ? 'saved' : 'conflict';
  }

  async saveOnce(eventId: string, state: CaseState, expectedVersion: number, change: CaseChange): Promise<SaveOnceOutcome> {
    const outcome = await this.write(state, expectedVersion, change, eventId);
    return typeof outcome === 'object' ? 'saved' : outcome;
  }

  async proposalSets(caseId: string, proposalSetIds: readonly string[]): Promise<ProposalDigest[]> {
    const docs = await Promise.all(proposalSetIds.map((id) => this.collections.proposalSets.findOne({ _id: proposalSetKey(caseId, id) })));
    return docs.flatMap((doc) => {
      const set = doc === null ? undefined : proposalSetOf(doc);
      return set === undefined ? [] : [set];
    });
  }

  private async page(filter: mongo.Filter<CaseDocument>, sort: Record<string, 1 | -1>, { limit, offset }: PageRequest): Promise<Page<CaseState>> {
    const docs = await this.collections.cases
      .find(filter)
      .sort({ ...sort, _id: 1 })
      .skip(offset)
      .limit(limit + 1)
      .toArray();
    const items = docs.slice(0, limit).map(toState);
    return docs.length > limit ? { items, nextOffset: offset + limit } : { items };
  }

  async closedBefore(before: string, limit: number): Promise<CaseState[]> {
    const closed: CaseState['status'][] = ['installed', 'closed', 'withdrawn'];
    const docs = await this.collections.cases
      .find({ status: { $in: closed }, erasedAt: { $exists: false }, updatedAt: { $lt: before } })
      .sort({ updatedAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(toState);
  }

  listByCandidate(candidateId: string, page: PageRequest): Promise<Page<CaseState>> {
    return this.page({ candidateId, erasedAt: { $exists: false } }, { createdAt: -1 }, page);
  }

  queue(query: QueueQuery, page: PageRequest): Promise<Page<CaseState>> {
    return this.page(queueFilter(query), SORTS[query.sort], page);
  }

  async submittedBetween(scope: QueueQuery['scope'], from: string, to: string): Promise<CaseState[]> {
    const filter = queueFilter({ scope, sort: 'submittedAt', submittedAfter: from, submittedBefore: to });
    const docs = await this.collections.cases.find(filter).sort({ submittedAt: 1, _id: 1 }).toArray();
    return docs.map(toState);
  }
}

/** The queue as one database filter: the caseworker's territory always, then the filters asked. */
export function queueFilter(query: QueueQuery): mongo.Filter<CaseDocument> {
  const scopeField = query.scope.level === 'departement' ? 'territory.departements' : 'territory.regions';
  const clauses: Record<string, unknown>[] = [
    { [scopeField]: { $in: [...query.scope.codes] } },
    { status: query.statuses === undefined ? { $ne: 'draft' } : { $in: query.statuses.filter((status) => status !== 'draft') } },
    { erasedAt: { $exists: false } },
  ];
  if (query.departement !== undefined) clauses.push({ 'territory.departements': query.departement });
  if (query.zone !== undefined) clauses.push({ 'queue.bestZone': query.zone });
  if (query.specialty !== undefined) clauses.push({ 'data.specialty': query.specialty });
  if (query.candidateStatus !== undefined) clauses.push({ 'data.status': query.candidateStatus });
  if (query.referent === 'none') clauses.push({ referent: { $exists: false } });
  else if (query.referent !== undefined) clauses.push({ 'referent.id': query.referent });
  if (query.submittedBefore !== undefined) clauses.push({ submittedAt: { $lte: query.submittedBefore } });
  if (query.submittedAfter !== undefined) clauses.push({ submittedAt: { $gte: query.submittedAfter } });
  if (query.overdueAt !== undefined) {
    const { now, overdue } = query.overdueAt;
    clauses.push(overdue ? { 'queue.dueAt': { $lt: now } } : { $or: [{ 'queue.dueAt': { $exists: false } }, { 'queue.dueAt': { $gte: now } }] });
  }
  return { $and: clauses } as mongo.Filter<CaseDocument>;
}
