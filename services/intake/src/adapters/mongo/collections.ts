import type { ProposalDigest, Zone } from '@guichet/contracts';
import type * as mongo from 'mongodb';
import type { AccessRecord, CaseState } from '../../domain/index.js';
import type { SealedAudit } from './audit-sealing.js';
import { ClaimedRevisions, GroupCommit, Outbox, packJson, retryBusyWrites, unpackJson, type OutboxEntry, type RevisionClaim } from '@guichet/platform';

export const COLLECTIONS = { cases: 'cases', caseClaims: 'case_claims', audit: 'audit', outbox: 'outbox', accessLog: 'access_log', idempotency: 'idempotency', proposalSets: 'proposal_sets' } as const;

/** A case as stored: the aggregate, plus what the store needs beside it in the same document. */
export type CaseDocument = Omit<CaseState, 'id'> & {
  _id: string;
  /** Writes of the document so far; each one claimed in `case_claims` first (see ClaimedRevisions). */
  revision?: number;
  /** `draft:<candidate>` while the case is a draft, `case:<id>` after: a unique index keeps one open draft per candidate. */
  draftSlot: string;
  /** Derived at each write so the queue filters and sorts in the database. */
  queue: { dueAt?: string; bestZone?: Zone };
  /** Key of the case's audit details; deleting it on erasure makes them unreadable (crypto-shredding). */
  auditKey?: string;
  /** Audit entries of the write that left this revision, copied to the append-only collection right after it. */
  auditPending?: SealedAudit[];
  /** Events of the case's creation (its later writes carry theirs in their claims), published by the outbox. */
  outbox?: OutboxEntry[];
  processedEventIds?: string[];
};

/**
 * A proposal set as matching computed it, stored once beside its case (insert-only, keyed by case
 * and set): the case document keeps its summary, so that no write of the case carries it.
 */
export interface ProposalSetDocument {
  _id: string;
  caseId: string;
  /** The set, packed (`packJson`): a set is ~110 kB of JSON, costly for FerretDB as a document. */
  packed?: mongo.Binary;
  /** Sets stored by earlier versions, whole. */
  set?: ProposalDigest;
}

export function proposalSetDocument(caseId: string, set: ProposalDigest): ProposalSetDocument {
  return { _id: proposalSetKey(caseId, set.proposalSetId), caseId, packed: packJson(set) };
}

export function proposalSetOf(doc: ProposalSetDocument): ProposalDigest | undefined {
  return doc.packed ? unpackJson<ProposalDigest>(doc.packed) : doc.set;
}

export const proposalSetKey = (caseId: string, proposalSetId: string): string => `${caseId}:${proposalSetId}`;

export type AccessDocument = Omit<AccessRecord, 'id'> & { _id: string };

/** A claimed key (`pending`), or the answer of its completed call (`done`, in a document of its own). */
export interface IdempotencyDocument {
  _id: string;
  ownerHash: string;
  /** Of the claimed request; the answer's document does not repeat it. */
  fingerprint?: string;
  state: 'pending' | 'done';
  reply?: { status: number; headers: Record<string, string>; body: string };
  createdAt: string;
}

export interface IntakeCollections {
  /** Inserted once, then written only through `caseRevisions`. */
  cases: mongo.Collection<CaseDocument>;
  caseClaims: mongo.Collection<RevisionClaim<CaseDocument>>;
  /** Every write of an existing case: the claim of its revision (with its events), then the replace. */
  caseRevisions: ClaimedRevisions<CaseDocument>;
  /** The writes whose events and audit entries are not followed up yet. */
  outbox: Outbox;
  audit: mongo.Collection<SealedAudit>;
  accessLog: mongo.Collection<AccessDocument>;
  idempotency: mongo.Collection<IdempotencyDocument>;
  proposalSets: mongo.Collection<ProposalSetDocument>;
  /**
   * The inserts of the request path, by group commit: those asked while a batch is being written
   * go together in the next insertMany (FerretDB on SQLite writes a batch for about the cost of
   * one insert); each caller learns whether its document went in or its key was taken.
   */
  grouped: {
    cases: GroupCommit<CaseDocument>;
    accessLog: GroupCommit<AccessDocument>;
    idempotency: GroupCommit<IdempotencyDocument>;
    proposalSets: GroupCommit<ProposalSetDocument>;
  };
}

export function intakeCollections(db: mongo.Db): IntakeCollections {
  const cases = retryBusyWrites(db.collection<CaseDocument>(COLLECTIONS.cases));
  const caseClaims = retryBusyWrites(db.collection<RevisionClaim<CaseDocument>>(COLLECTIONS.caseClaims));
  const idempotency = retryBusyWrites(db.collection<IdempotencyDocument>(COLLECTIONS.idempotency));
  const proposalSets = retryBusyWrites(db.collection<ProposalSetDocument>(COLLECTIONS.proposalSets));
  const accessLog = retryBusyWrites(db.collection<AccessDocument>(COLLECTIONS.accessLog));
  const outbox = new Outbox(db, { collection: COLLECTIONS.outbox });
  return {
    cases,
    caseClaims,
    // A claim carries the case and its events: packed, FerretDB stores it for a fraction of the cost.
    caseRevisions: new ClaimedRevisions(cases, caseClaims, outbox, { packed: true }),
    outbox,
    audit: retryBusyWrites(db.collection<SealedAudit>(COLLECTIONS.audit)),
    accessLog,
    idempotency,
    proposalSets,
    // Proposal sets weigh hundreds of kilobytes each: a few per batch.
    grouped: { cases: new GroupCommit(cases), accessLog: new GroupCommit(accessLog), idempotency: new GroupCommit(idempotency), proposalSets: new GroupCommit(proposalSets, { maxBatch: 16 }) },
  };
}

const RETIRED_OPEN_DRAFTS = 'open_drafts';
/** A drop of a collection that is not there, on servers that report it. */
const NAMESPACE_NOT_FOUND = 26;

/** Indexes the service relies on; only kinds every MongoDB-wire server supports (no TTL, no text). */
export async function ensureIndexes(collections: IntakeCollections): Promise<void> {
  const { cases, audit, accessLog, idempotency } = collections;
  // Earlier versions pointed to each candidate's open draft from there; the draft slot finds it now.
  await collections.outbox.db.dropCollection(RETIRED_OPEN_DRAFTS).catch((error: unknown) => {
    if ((error as { code?: unknown }).code !== NAMESPACE_NOT_FOUND) throw error;
  });
  await cases.createIndex({ draftSlot: 1 }, { unique: true });
  await cases.createIndex({ candidateId: 1, createdAt: -1 });
  await cases.createIndex({ 'territory.departements': 1, status: 1 });
  await cases.createIndex({ 'territory.regions': 1, status: 1 });
  await cases.createIndex({ submittedAt: -1 });
  await collections.caseRevisions.ensureIndexes();
  await audit.createIndex({ caseId: 1, version: 1 });
  await collections.outbox.ensureIndexes();
  await accessLog.createIndex({ caseId: 1, at: 1 });
  await idempotency.createIndex({ ownerHash: 1 });
  await idempotency.createIndex({ createdAt: 1 });
  await collections.proposalSets.createIndex({ caseId: 1 });
}
