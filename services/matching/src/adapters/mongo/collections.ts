import type { AidScheme, Offer, ProposalSet, Territory } from '@guichet/contracts';
import { retryBusyWrites, type MongoHandle, type Outbox, type OutboxEntry, type OutboxPublisher, type RevisionClaim } from '@guichet/platform';
import type * as mongo from 'mongodb';
import type { MatchingRequest } from '../../application/matching/matching-request.js';
import type { ImportedOrder, Reach, RequestStatus, Reservation, StoredReply, ZoningImport } from '../../application/ports.js';

export type OfferDocument = Offer & { _id: string; outbox?: OutboxEntry[] };

/** Where the events of a write go: stored by the write, announced to the outbox first, published right after. */
export interface OutboxEvents {
  readonly outbox: Outbox;
  readonly publisher: OutboxPublisher;
}

/**
 * The claim of one transition of an offer, from `fromVersion`: inserted before the offer document
 * is written, so exactly one writer wins each version (an insert on a unique _id is atomic on
 * every MongoDB-wire server; FerretDB 1.x conditional updates are not). It keeps the state it
 * wrote, to restore it if the offer document missed it, and its events, for the outbox.
 */
export interface OfferTransitionDocument {
  _id: string;
  offerId: string;
  offer: Offer;
  outbox: OutboxEntry[];
}

export interface AidSchemeDocument {
  _id: string;
  /** Versions appended so far, each claimed first (see ClaimedRevisions). */
  revision?: number;
  scheme: AidScheme;
  versions: AidScheme[];
  createdBy: string;
  outbox?: OutboxEntry[];
}

export type ZoningImportDocument = Omit<ZoningImport, 'orders'> & { _id: string; orders: ImportedOrder[]; outbox?: OutboxEntry[] };

export interface RequestDocument {
  _id: string;
  version: number;
  status: RequestStatus;
  territory: Territory;
  submittedAt?: string;
  request?: MatchingRequest;
  reach?: Reach;
  excludedOfferIds?: string[];
  proposalSetId?: string;
  reservation?: Reservation;
  recomputations?: number;
  processedEventIds?: string[];
  /** Writes so far, each claimed first (see ClaimedRevisions); 0 for the empty document before the first. */
  revision?: number;
}

/**
 * A proposal set, written once, deflated (a set repeats the same verdicts and French reasons for
 * each bundle, so it shrinks about tenfold, and FerretDB's writes cost by the byte): `packed`
 * holds the set without its bundles' eligibility, kept apart in `eligibility` (see
 * packed-proposal-set.ts). Sets stored before that have the whole set in `packed`, or in `set`.
 */
export interface ProposalSetDocument {
  _id: string;
  requestId: string;
  set?: ProposalSet;
  packed?: mongo.Binary;
  eligibility?: mongo.Binary[];
  bundleEligibility?: number[];
}

export interface IdempotencyDocument {
  _id: string;
  ownerHash: string;
  fingerprint: string;
  state: 'pending' | 'done';
  createdAt: string;
  reply?: StoredReply;
}

export interface MatchingCollections {
  offers: mongo.Collection<OfferDocument>;
  offerTransitions: mongo.Collection<OfferTransitionDocument>;
  aidSchemes: mongo.Collection<AidSchemeDocument>;
  aidSchemeClaims: mongo.Collection<RevisionClaim<AidSchemeDocument>>;
  zoningImports: mongo.Collection<ZoningImportDocument>;
  requests: mongo.Collection<RequestDocument>;
  requestClaims: mongo.Collection<RevisionClaim<RequestDocument>>;
  proposalSets: mongo.Collection<ProposalSetDocument>;
  idempotency: mongo.Collection<IdempotencyDocument>;
}

/**
 * Every write is retried while its storage reports itself busy. Nothing else guards a write:
 * each relies on inserts under unique keys (claims), which hold across instances.
 */
export function matchingCollections(mongoHandle: MongoHandle): MatchingCollections {
  const db = mongoHandle.db;
  const collection = <T extends mongo.Document>(name: string) => retryBusyWrites(db.collection<T>(name));
  return {
    offers: collection<OfferDocument>('offers'),
    offerTransitions: collection<OfferTransitionDocument>('offer_transitions'),
    aidSchemes: collection<AidSchemeDocument>('aid_schemes'),
    aidSchemeClaims: collection<RevisionClaim<AidSchemeDocument>>('aid_scheme_claims'),
    zoningImports: collection<ZoningImportDocument>('zoning_imports'),
    requests: collection<RequestDocument>('requests'),
    requestClaims: collection<RevisionClaim<RequestDocument>>('request_claims'),
    proposalSets: collection<ProposalSetDocument>('proposal_sets'),
    idempotency: collection<IdempotencyDocument>('idempotency'),
  };
}

/** Secondary indexes of the queries the service makes (created if missing; plain indexes every MongoDB-wire server has). */
export async function ensureIndexes(collections: MatchingCollections): Promise<void> {
  await collections.offers.createIndex({ status: 1 });
  await collections.offers.createIndex({ 'territory.departements': 1 });
  await collections.offers.createIndex({ 'reservedFor.requestId': 1 });
  await collections.offers.createIndex({ 'reservations.requestId': 1 });
  await collections.requests.createIndex({ status: 1 });
  await collections.requests.createIndex({ 'reach.offerIds': 1 });
  await collections.zoningImports.createIndex({ importedAt: 1 });
  await collections.offerTransitions.createIndex({ offerId: 1 });
  await collections.aidSchemeClaims.createIndex({ documentId: 1, revision: 1 });
  await collections.requestClaims.createIndex({ documentId: 1, revision: 1 });
}

/** Writes leave absent optional fields absent (the driver would store `undefined` as null). */
export const WRITE = { ignoreUndefined: true } as const;

