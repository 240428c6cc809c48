import type { CandidateStatus, CaseStatus, ProposalDigest, Specialty, Zone } from '@guichet/contracts';
import type { Clock, IdempotencyStore as HttpIdempotencyStore, OutboundEvent } from '@guichet/platform';

export type { IdempotencyClaim, StoredReply } from '@guichet/platform';
import type { Scope } from '@guichet/territory';
import type { AccessRecord, AuditRecord, CaseState } from '../domain/index.js';

/** What one command stores beside the new state, in the same single-document write. */
export interface CaseChange {
  /** Contract events bound for `intake.requests.v1`, appended to the case's outbox. */
  events: OutboundEvent[];
  audit: AuditRecord[];
  /** Proposal sets received by this change, stored whole beside the case (which keeps their summary). */
  proposalSets: ProposalDigest[];
}

export type SaveOutcome = 'saved' | 'conflict';
export type SaveOnceOutcome = SaveOutcome | 'duplicate';

export interface PageRequest {
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  /** Offset of the next page, absent on the last one. */
  nextOffset?: number;
}

export type QueueSort = 'submittedAt' | '-submittedAt' | 'dueDate' | '-dueDate' | 'ageDays' | '-ageDays' | 'status' | '-status';

export interface QueueQuery {
  /** Where the caseworker acts; a caller without territory has no queue at all. */
  scope: Exclude<Scope, { level: 'none' }>;
  statuses?: CaseStatus[];
  departement?: string;
  zone?: Zone;
  specialty?: Specialty;
  /** The candidate's status: `junior-doctor` is the ARS's queue of docteurs juniors' placements. */
  candidateStatus?: CandidateStatus;
  /** A referent id, or `none` for cases without one. */
  referent?: string;
  /** Submitted at or before this instant (minimum age). */
  submittedBefore?: string;
  /** Submitted at or after this instant (maximum age). */
  submittedAfter?: string;
  /** true: past their due date at `now`; false: not yet. */
  overdueAt?: { now: string; overdue: boolean };
  sort: QueueSort;
}

export interface CaseRepository {
  load(id: string): Promise<CaseState | undefined>;
  /**
   * The latest revision of the case this process read or wrote, without asking the store: another
   * instance may have written it since, and a write that follows it then finds it taken (`conflict`).
   * Undefined when this process knows none.
   */
  recall(id: string): CaseState | undefined;
  findOpenDraft(candidateId: string): Promise<CaseState | undefined>;
  /** `draft-exists` when the candidate already has an open draft (one per candidate, enforced by the store). */
  create(state: CaseState, change: CaseChange): Promise<'created' | 'draft-exists'>;
  /** Conditional on `expectedVersion`: a lost race is a `conflict`, and nothing is written. */
  save(state: CaseState, expectedVersion: number, change: CaseChange): Promise<SaveOutcome>;
  /** As `save`, and records `eventId` in the same write so a redelivered event changes nothing. */
  saveOnce(eventId: string, state: CaseState, expectedVersion: number, change: CaseChange): Promise<SaveOnceOutcome>;
  /** The stored proposal sets of a case among `proposalSetIds`, in that order; a set never stored is left out. */
  proposalSets(caseId: string, proposalSetIds: readonly string[]): Promise<ProposalDigest[]>;
  listByCandidate(candidateId: string, page: PageRequest): Promise<Page<CaseState>>;
  /** Closed cases (installed, closed, withdrawn) not erased yet, unchanged since before `before`, oldest first. */
  closedBefore(before: string, limit: number): Promise<CaseState[]>;
  queue(query: QueueQuery, page: PageRequest): Promise<Page<CaseState>>;
  /** The cases of a territory submitted between two instants (both included), erased ones left out: what statistics count. */
  submittedBetween(scope: Exclude<Scope, { level: 'none' }>, from: string, to: string): Promise<CaseState[]>;
}

export interface AuditTrailReader {
  /** Every entry of the case, oldest first; reasons and values are gone once the case is erased. */
  trail(caseId: string): Promise<AuditRecord[]>;
}

export interface AccessLogStore {
  record(entry: AccessRecord): Promise<void>;
  list(caseIds: readonly string[]): Promise<AccessRecord[]>;
}

/** Time and identity are inputs: the platform's clock, ids are UUIDs. */
export interface Runtime extends Clock {
  newId(): string;
}

/** Keys are scoped to the caller: two callers never share an answer. */
export interface IdempotencyStore extends HttpIdempotencyStore {
  /** Forgets the stored answers of an owner (they may hold personal data). */
  forgetOwner(owner: string): Promise<void>;
}
