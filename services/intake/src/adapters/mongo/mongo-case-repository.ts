import type { ProposalSet } from '@guichet/contracts';
import { applyOnce, outboxEntries, PROCESSED_WINDOW, type OutboxEntry } from '@guichet/platform';
import type { mongo } from 'mongoose';
import type { CaseChange, CaseRepository, Page, PageRequest, QueueQuery, QueueSort, SaveOnceOutcome, SaveOutcome } from '../../application/index.js';
import { bestZone, dueAt, type CaseState, type StatusTargets } from '../../domain/index.js';
import { newAuditKey, seal, type SealedAudit } from './audit-sealing.js';
import { proposalSetDocument, proposalSetKey, proposalSetOf, type CaseDocument, type IntakeCollections, type WriteIsolation } from './collections.js';
import type { SettledEntries } from './settled-entries.js';
import type { WrittenCase } from './written-cases-worker.js';

const OPTIONAL_FIELDS = ['submittedAt', 'territory', 'referent', 'acceptance', 'erasedAt'] as const;
const KEYS_CACHED = 10_000;
const DOCUMENTS_HELD = 10_000;

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
  const { _id, draftSlot: _slot, queue: _queue, auditKey: _key, auditPending: _pending, outbox: _outbox, processedEventIds: _seen, ...state } = doc;
  return { id: _id, ...state };
}

type WriteOutcome = 'saved' | 'conflict' | 'duplicate';

/** Outbox events and audit entries, as the case document holds them. */
interface Entries {
  outbox: OutboxEntry[];
  audit: SealedAudit[];
}

export interface MongoCaseRepositoryOptions {
  collections: IntakeCollections;
  isolation: WriteIsolation;
  targets: StatusTargets;
  /** Called after every successful write with the entries it added (for the case follow-up). */
  afterWrite?: (written: WrittenCase) => void;
  /** With `process` isolation: entries already followed up, dropped by the next write of their case. */
  settled?: SettledEntries;
}

/**
 * Cases in one collection, one document each: state, outbox and pending audit entries change
 * together in a single conditional update on `version` (no multi-document transaction needed).
 * A submission costs two reads by `_id` and one update; the follow-up then only inserts.
 * Received proposal sets are inserted, whole, in their own collection before the write that
 * records their summary on the case: a case document stays a few kilobytes.
 */
export class MongoCaseRepository implements CaseRepository {
  private readonly keys = new Map<string, string>();
  /**
   * With `process` isolation, every write of a case goes through this process under the case's
   * lock, so the document as this process last wrote it is the stored one: loads and the check
   * under the lock read it here instead of asking FerretDB again. Dropped before each write and
   * put back once the write is acknowledged; `forget` drops it when another path changed the case.
   */
  private readonly held = new Map<string, CaseDocument>();

  constructor(private readonly options: MongoCaseRepositoryOptions) {}

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

  private hold(doc: CaseDocument): void {
    if (this.options.isolation !== 'process') return;
    this.held.delete(doc._id);
    if (this.held.size >= DOCUMENTS_HELD) this.held.delete(this.held.keys().next().value as string);
    this.held.set(doc._id, doc);
  }

  /** The case was changed by a path other than this repository (the follow-up's start-up pass). */
  forget(id: string): void {
    this.held.delete(id);
  }

  private async auditKeyOf(id: string): Promise<string | undefined> {
    if (this.keys.has(id)) return this.keys.get(id);
    const held = this.held.get(id);
    if (held !== undefined) return held.auditKey;
    const doc = await this.collections.cases.findOne({ _id: id }, { projection: { auditKey: 1 } });
    this.remember(id, doc?.auditKey);
    return doc?.auditKey;
  }

  /** The stored fields of a state (undefined members dropped), with what the queue derives from it. */
  private fieldsOf(state: CaseState): Omit<CaseDocument, '_id'> {
    const { id: _id, ...fields } = JSON.parse(JSON.stringify(state)) as CaseState;
    const due = dueAt(state, this.options.targets);
    const zone = bestZone(state);
    return { ...fields, draftSlot: draftSlotOf(state), queue: { ...(due === undefined ? {} : { dueAt: due }), ...(zone === undefined ? {} : { bestZone: zone }) } };
  }

  async load(id: string): Promise<CaseState | undefined> {
    const held = this.held.get(id);
    if (held !== undefined) return toState(held);
    const doc = await this.collections.cases.findOne({ _id: id });
    if (doc === null) return undefined;
    this.remember(id, doc.auditKey);
    return toState(doc);
  }

  async findOpenDraft(candidateId: string): Promise<CaseState | undefined> {
    const pointer = await this.collections.openDrafts.findOne({ _id: candidateId });
    const doc = pointer === null ? null : (this.held.get(pointer.caseId) ?? (await this.collections.cases.findOne({ _id: pointer.caseId })));
    return doc !== null && doc.status === 'draft' && doc.candidateId === candidateId ? toState(doc) : undefined;
  }

  async create(state: CaseState, change: CaseChange): Promise<'created' | 'draft-exists'> {
    const auditKey = newAuditKey();
    const added: Entries = { outbox: outboxEntries(change.events), audit: change.audit.map((record) => seal(record, auditKey)) };
    const doc: CaseDocument = { _id: state.id, ...this.fieldsOf(state), auditKey, auditPending: added.audit, outbox: added.outbox };
    await this.storeProposalSets(state.id, change.proposalSets);
    if ((await this.collections.grouped.cases.insertOne(doc)) === 'duplicate') {
      await this.repairDraftPointer(state.candidateId);
      return 'draft-exists';
    }
    this.hold(doc);
    await this.pointToDraft(state.candidateId, state.id);
    this.remember(state.id, auditKey);
    this.options.afterWrite?.({ id: state.id, ...added });
    return 'created';
  }

  /**
   * The pointer is inserted (an update would scan the collection on FerretDB) and replaced only
   * when the candidate had one: it is left in place when its draft is submitted, as
   * `findOpenDraft` checks what it points to.
   */
  private async pointToDraft(candidateId: string, caseId: string): Promise<void> {
    if ((await this.collections.grouped.openDrafts.insertOne({ _id: candidateId, caseId })) === 'duplicate') {
      await this.collections.openDrafts.updateOne({ _id: candidateId }, { $set: { caseId } });
    }
  }

  /** The unique index found the candidate's draft; the pointer was lost (a crash between two writes): rebuild it. */
  private async repairDraftPointer(candidateId: string): Promise<void> {
    const draft = await this.collections.cases.findOne({ draftSlot: `draft:${candidateId}` }, { projection: { _id: 1 } });
    if (draft === null) return;
    // Two callers repairing at once: FerretDB's upsert is not atomic, the second one's insert meets the first one's pointer.
    if ((await this.collections.grouped.openDrafts.insertOne({ _id: candidateId, caseId: draft._id })) === 'duplicate') {
      await this.collections.openDrafts.updateOne({ _id: candidateId }, { $set: { caseId: draft._id } });
    }
  }

  private async entriesOf(state: CaseState, change: CaseChange): Promise<Entries> {
    const key = await this.auditKeyOf(state.id);
    return { outbox: outboxEntries(change.events), audit: change.audit.map((record) => seal(record, key)) };
  }

  /**
   * The update of a write: the new state, and the entries appended to those the case holds. With
   * `kept` (read under the document's lock), the lists are set whole, without the settled entries.
   */
  private updateOf(state: CaseState, added: Entries, kept?: Entries): mongo.UpdateFilter<CaseDocument> {
    const fields = this.fieldsOf(state);
    const unset: Record<string, ''> = Object.fromEntries(OPTIONAL_FIELDS.filter((field) => fields[field] === undefined).map((field) => [field, '']));
    // Erasure drops the key: the sealed details of the trail become unreadable, the trail stays.
    if (state.erasedAt !== undefined) unset['auditKey'] = '';
    // Events still waiting carry the personal data being erased: only `request-erased` stays to be sent.
    const outbox = state.erasedAt !== undefined ? added.outbox : kept === undefined ? undefined : [...kept.outbox, ...added.outbox];
    const auditPending = kept === undefined ? undefined : [...kept.audit, ...added.audit];
    const push: Record<string, { $each: unknown[] }> = {};
    if (outbox === undefined && added.outbox.length > 0) push['outbox'] = { $each: added.outbox };
    if (auditPending === undefined && added.audit.length > 0) push['auditPending'] = { $each: added.audit };
    return {
      $set: { ...fields, ...(outbox === undefined ? {} : { outbox }), ...(auditPending === undefined ? {} : { auditPending }) },
      ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
      ...(Object.keys(push).length > 0 ? { $push: push } : {}),
    } as mongo.UpdateFilter<CaseDocument>;
  }

  /** The write, if the stored version is still `expectedVersion` and the event (if any) was not applied yet. */
  private async conditionalWrite(state: CaseState, expectedVersion: number, added: Entries, eventId?: string): Promise<WriteOutcome> {
    const id = state.id;
    if (this.options.isolation === 'database') {
      const filter = { _id: id, version: expectedVersion };
      const update = this.updateOf(state, added);
      if (eventId === undefined) return (await this.collections.cases.updateOne(filter, update)).matchedCount > 0 ? 'saved' : 'conflict';
      if ((await applyOnce(this.collections.cases, filter, eventId, update)) === 'applied') return 'saved';
      const seen = await this.collections.cases.countDocuments({ _id: id, processedEventIds: eventId }, { limit: 1 });
      return seen > 0 ? 'duplicate' : 'conflict';
    }
    const cases = this.collections.casesInLock;
    return this.collections.locks.run(id, async (): Promise<WriteOutcome> => {
      const current = this.held.get(id) ?? (await cases.findOne({ _id: id }));
      if (current === null) return 'conflict';
      if (eventId !== undefined && (current.processedEventIds ?? []).includes(eventId)) return 'duplicate';
      if (current.version !== expectedVersion) return 'conflict';
      const { settled } = this.options;
      const held: Entries = { outbox: current.outbox ?? [], audit: current.auditPending ?? [] };
      const kept = settled === undefined ? held : { outbox: settled.unsettled(held.outbox, (entry) => entry.id), audit: settled.unsettled(held.audit, (entry) => entry._id) };
      const update = this.updateOf(state, added, kept);
      const seen = eventId === undefined ? undefined : [...(current.processedEventIds ?? []).slice(-(PROCESSED_WINDOW - 1)), eventId];
      const next: Record<string, unknown> = { ...current, ...(update.$set as Record<string, unknown>), ...(seen === undefined ? {} : { processedEventIds: seen }) };
      for (const field of Object.keys((update.$unset as Record<string, ''> | undefined) ?? {})) delete next[field];
      const { _id: _key, ...replacement } = next as CaseDocument;
      // Unknown until acknowledged: a failed write leaves the next one to read the stored document.
      this.held.delete(id);
      // The whole document is known here: FerretDB replaces it for half the cost of applying $set/$unset.
      // A document held here but not found there (never expected): nothing is written, nothing is announced.
      if ((await cases.replaceOne({ _id: id }, replacement)).matchedCount === 0) return 'conflict';
      this.hold(next as CaseDocument);
      return 'saved';
    });
  }

  /**
   * Before the write that refers to them: a set whose write then fails or loses its race is
   * never read, and a redelivered event finds its set there already.
   */
  private async storeProposalSets(caseId: string, sets: readonly ProposalSet[]): Promise<void> {
    await this.collections.grouped.proposalSets.insertMany(sets.map((set) => proposalSetDocument(caseId, set)));
  }

  private async write(state: CaseState, expectedVersion: number, change: CaseChange, eventId?: string): Promise<WriteOutcome> {
    const added = await this.entriesOf(state, change);
    await this.storeProposalSets(state.id, change.proposalSets);
    const outcome = await this.conditionalWrite(state, expectedVersion, added, eventId);
    if (outcome !== 'saved') return outcome;
    if (state.erasedAt !== undefined) {
      this.remember(state.id, undefined);
      await this.collections.openDrafts.deleteMany({ caseId: state.id });
      // Every set ever received, including those the case no longer lists: they describe the candidate's situation.
      await this.collections.proposalSets.deleteMany({ caseId: state.id });
    }
    this.options.afterWrite?.({ id: state.id, ...added });
    return 'saved';
  }

  async save(state: CaseState, expectedVersion: number, change: CaseChange): Promise<SaveOutcome> {
    return (await this.write(state, expectedVersion, change)) === 'saved' ? 'saved' : 'conflict';
  }

  saveOnce(eventId: string, state: CaseState, expectedVersion: number, change: CaseChange): Promise<SaveOnceOutcome> {
    return this.write(state, expectedVersion, change, eventId);
  }

  async proposalSets(caseId: string, proposalSetIds: readonly string[]): Promise<ProposalSet[]> {
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

  listByCandidate(candidateId: string, page: PageRequest): Promise<Page<CaseState>> {
    return this.page({ candidateId, erasedAt: { $exists: false } }, { createdAt: -1 }, page);
  }

  queue(query: QueueQuery, page: PageRequest): Promise<Page<CaseState>> {
    return this.page(queueFilter(query), SORTS[query.sort], page);
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
