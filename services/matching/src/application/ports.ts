import type { AidScheme, ArreteReference, InseeCommuneCode, IsoDate, IsoDateTime, Offer, OfferKind, OfferStatus, ProposalSet, RegionCode, Territory, Zone } from '@guichet/contracts';
import type { Clock, OutboundEvent } from '@guichet/platform';
import type { MatchingRequest } from './matching/matching-request.js';

/** Time and identity, passed in so that use cases stay testable. */
export interface Runtime extends Clock {
  newId(): string;
}

export interface OfferQuery {
  /** Territory the caller reaches; `everywhere` for an admin. */
  readonly scope: { readonly everywhere: true } | { readonly regions: readonly string[]; readonly departements: readonly string[] };
  readonly kind?: OfferKind;
  readonly status?: OfferStatus;
  readonly communeCode?: string;
  readonly departement?: string;
  readonly publisherId?: string;
  readonly publisherOrganisation?: string;
  readonly limit: number;
  /** Id of the last offer of the previous page. */
  readonly after?: string;
}

export interface OfferStore {
  /** Stores a new offer with its events; `exists` when its id is already taken (a retried import row). */
  insert(offer: Offer, events: readonly OutboundEvent[]): Promise<'inserted' | 'exists'>;
  get(id: string): Promise<Offer | null>;
  /** Replaces the offer only if its stored version is still `expectedVersion` (compare-and-set). */
  replace(offer: Offer, expectedVersion: number, events: readonly OutboundEvent[]): Promise<boolean>;
  /** A page of the offers the query selects, and how many it selects over every page. */
  list(query: OfferQuery): Promise<{ items: Offer[]; nextCursor?: string; total: number }>;
  /** Offers holding a reservation of this request. */
  reservedFor(requestId: string): Promise<Offer[]>;
  /** Offers whose events have all left the outbox, with their version: what a replay must reach. */
  publishedVersions(): Promise<Array<[string, number]>>;
}

export interface StoredAidScheme {
  readonly scheme: AidScheme;
  /** Every version, oldest first (the last one is `scheme`). */
  readonly versions: readonly AidScheme[];
  /** Who created it: `seed` for the catalogue conversion, else the creator's id. */
  readonly createdBy: string;
}

export interface AidSchemeStore {
  /** Latest version of every scheme. */
  current(): Promise<AidScheme[]>;
  get(id: string): Promise<StoredAidScheme | null>;
  count(): Promise<number>;
  insert(scheme: AidScheme, createdBy: string, events: readonly OutboundEvent[]): Promise<'inserted' | 'exists'>;
  /** Appends `scheme` as the new version if the current one is still `expectedVersion`. */
  appendVersion(scheme: AidScheme, expectedVersion: number, events: readonly OutboundEvent[]): Promise<boolean>;
}

export interface ImportedAssignment {
  readonly communeCode: InseeCommuneCode;
  readonly zone: Zone;
  readonly effectiveUntil?: IsoDate;
}

/** Assignments of one import that start on the same date. */
export interface ImportedOrder {
  readonly effectiveFrom: IsoDate;
  readonly assignments: readonly ImportedAssignment[];
}

/** One zoning import (an ARS order), kept whole: the zoning history is rebuilt from the imports in their order. */
export interface ZoningImport {
  readonly importId: string;
  readonly regionCode: RegionCode;
  readonly arrete: ArreteReference;
  readonly importedAt: IsoDateTime;
  readonly importedBy: string;
  readonly orders: readonly ImportedOrder[];
}

export interface ZoningStore {
  /** Every import, in the order they were made. */
  all(): Promise<ZoningImport[]>;
  insert(zoningImport: ZoningImport, events: readonly OutboundEvent[]): Promise<'inserted' | 'exists'>;
  /** Removes seeded imports a newer demo zoning replaces; real imports are never withdrawn. */
  withdrawSeeded(importIds: readonly string[]): Promise<number>;
}

export type RequestStatus = 'open' | 'reserved' | 'closed';

export interface Reservation {
  readonly reservationId: string;
  readonly proposalSetId: string;
  readonly bundleId: string;
  readonly offerIds: readonly string[];
}

/** Where a request can be touched by a change: a box around its places, its départements and communes. */
export interface Reach {
  readonly minLat: number;
  readonly maxLat: number;
  readonly minLng: number;
  readonly maxLng: number;
  readonly departements: readonly string[];
  readonly communes: readonly string[];
  /** Offers of its current proposals. */
  readonly offerIds: readonly string[];
}

/** A request as the matching service keeps it: only what matching needs, no identity or contact. */
export interface StoredRequest {
  readonly requestId: string;
  readonly version: number;
  readonly status: RequestStatus;
  readonly territory: Territory;
  /** When the request was first submitted: the order of the first-come-first-served comparison. */
  readonly submittedAt?: string;
  readonly request?: MatchingRequest;
  readonly reach?: Reach;
  readonly excludedOfferIds: readonly string[];
  /** The current proposals (kept apart: a set with every scheme's verdict weighs hundreds of kilobytes). */
  readonly proposalSetId?: string;
  readonly reservation?: Reservation;
  readonly recomputations: number;
  /** Writes of the request so far: a change based on this reading is refused once another followed it. */
  readonly revision: number;
}

export interface RequestChange {
  readonly set?: Partial<Omit<StoredRequest, 'requestId' | 'recomputations'>>;
  readonly unset?: ReadonlyArray<'request' | 'reach' | 'proposalSetId' | 'reservation'>;
  /** Counts one more computation of proposals (re-matching is tested by counting them). */
  readonly recomputed?: boolean;
}

export interface RequestGuard {
  /** Apply only if the stored version is this one (a newer request version supersedes a re-matching). */
  readonly version?: number;
  /** Apply only if the stored version is lower (an older or repeated request event changes nothing). */
  readonly olderThan?: number;
  readonly status?: RequestStatus;
}

/**
 * `moved`: the request was written since the reading the change was based on (another instance,
 * another event of the same request); read again and decide again.
 */
export type ApplyOutcome = 'applied' | 'duplicate' | 'not-found' | 'moved';

export interface ApplyOptions {
  readonly guard?: RequestGuard;
  readonly upsert?: boolean;
  /** The reading the change was computed from (null: the request did not exist): applied only if nothing was written since. */
  readonly basedOn?: StoredRequest | null;
}

export interface AffectedQuery {
  /** Every open request (a change with no territory, such as a national scheme). */
  readonly everywhere?: boolean;
  /** Requests whose reach box overlaps this box. */
  readonly area?: { readonly minLat: number; readonly maxLat: number; readonly minLng: number; readonly maxLng: number };
  readonly departements?: readonly string[];
  readonly communes?: readonly string[];
  readonly offerIds?: readonly string[];
}

/**
 * Requests and what matching emits about them. Events are stored first, each in its own
 * document with an id that follows from its cause (so a redelivery stores nothing twice), then
 * the request's state is changed once per cause event: a crash in between is repaired by the
 * redelivery, which finds the events already stored.
 */
export interface RequestStore {
  get(requestId: string): Promise<StoredRequest | null>;
  hasProcessed(requestId: string, eventId: string): Promise<boolean>;
  /** Stores a proposal set with its `proposals-computed` event; the set already stored under this id wins. */
  saveProposals(proposals: ProposalSet, event: OutboundEvent): Promise<ProposalSet>;
  proposals(proposalSetId: string): Promise<ProposalSet | null>;
  /** Stores other events about a request (reservation outcomes); an event already stored is left as it is. */
  emit(requestId: string, events: readonly OutboundEvent[]): Promise<void>;
  /**
   * Applies `change` once per `eventId`, if the guard holds; `upsert` creates the request when it
   * is new. Of concurrent writers of a request (in any instance) one wins each revision; without
   * `basedOn` the others apply their change to the revision that won.
   */
  apply(requestId: string, eventId: string, change: RequestChange, options?: ApplyOptions): Promise<ApplyOutcome>;
  /** Open requests a change may touch (a superset: the caller checks each precisely). */
  findOpen(query: AffectedQuery): Promise<StoredRequest[]>;
}

export type { IdempotencyClaim, IdempotencyStore, StoredReply } from '@guichet/platform';
