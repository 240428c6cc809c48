import type { DeliveryAttempt, InseeCommuneCode, OfferKind, Territory, Zone } from '@guichet/contracts';
import type { OutboxEntry } from '@guichet/platform';
import type { CaseProjection } from '../domain/case-projection.js';
import type { Recipient } from '../domain/candidate-emails.js';
import type { AttemptResult, DeliveryStatus } from '../domain/delivery.js';
import type { ProjectionContext } from '../domain/drafts.js';
import type { TerritoryFilter } from '../domain/places.js';
import type { SigningSecret } from '../domain/signing-secrets.js';
import type { Stakeholder } from '../domain/stakeholders.js';
import type { PartnerScope } from '../domain/subscription-rules.js';

/** Time as an input (the platform's clock): the scheduler's clock is advanced by tests. */
export { systemClock, type Clock } from '@guichet/platform';

// Case projections ---------------------------------------------------------------------------

export interface StoredCase {
  state: CaseProjection;
  /** Writes of the case so far: a save follows this one. */
  revision: number;
  /** The latest event ids applied, oldest first: an event among them changes nothing. */
  processedEventIds: string[];
}

/** `conflict`: another write followed the same revision first; read again and decide again. */
export type SaveOutcome = 'applied' | 'conflict';

export interface CaseStore {
  load(requestId: string): Promise<StoredCase | undefined>;
  /**
   * The case as this process last read or wrote it, without reading it (undefined: none kept):
   * possibly behind another instance's write, which the save of a decision made on it refuses
   * (`conflict`). Not for readers.
   */
  recall(requestId: string): StoredCase | undefined;
  /**
   * State, event id and the stakeholder events it produced in one single-document insert after
   * the revision read; the events are then published on their topics, at once or, after a stop
   * or a refusal of the broker, by the outbox sweep of any instance.
   */
  save(requestId: string, before: StoredCase | undefined, eventId: string, state: CaseProjection, entries: readonly OutboxEntry[]): Promise<SaveOutcome>;
}

export interface ZoningPeriod {
  zone: Zone;
  effectiveFrom: string;
  effectiveUntil?: string;
}

export interface OfferPlace {
  id: string;
  kind: OfferKind;
  communeCode: InseeCommuneCode;
  version: number;
}

/** The read model of catalogue.* this service needs: where offers are, and the zoning of communes. */
export interface CatalogueStore {
  recordOffer(offer: OfferPlace): Promise<void>;
  recordZoning(importId: string, periods: ReadonlyArray<ZoningPeriod & { communeCode: InseeCommuneCode }>): Promise<void>;
  context(communes: readonly string[], offerIds: readonly string[]): Promise<ProjectionContext>;
}

/** The periods one zoning import gives one commune. */
export interface CommuneZoning {
  importId: string;
  communeCode: InseeCommuneCode;
  periods: ZoningPeriod[];
}

/** Where the catalogue read model is kept; read whole once, at start. */
export interface CatalogueRecords {
  /** Keeps the offer unless a newer version of it is kept already. */
  recordOffer(offer: OfferPlace): Promise<void>;
  /** Keeps the import's periods per commune; an import recorded again changes nothing. */
  recordZoning(importId: string, periods: ReadonlyArray<ZoningPeriod & { communeCode: InseeCommuneCode }>): Promise<void>;
  everything(): Promise<{ offers: OfferPlace[]; zoning: CommuneZoning[] }>;
}

// Webhooks -----------------------------------------------------------------------------------

export interface StoredStakeholderEvent {
  id: string;
  type: string;
  stakeholder: Stakeholder;
  requestId: string;
  time: Date;
  territory?: Territory;
  data: Record<string, unknown>;
  /** Position in the stakeholder topic: one case's events keep their order through it. */
  seq: number;
  traceparent?: string;
}

export interface EventLog {
  /** Keeps events for deliveries and replays; returns the ids kept now (the others were already there). */
  recordMany(events: readonly StoredStakeholderEvent[]): Promise<Set<string>>;
  /** Removes the identity and contact of a case from every kept event. */
  forget(requestId: string): Promise<void>;
  byIds(ids: readonly string[]): Promise<Map<string, StoredStakeholderEvent>>;
  since(stakeholder: Stakeholder, from: Date, until: Date | undefined, types: readonly string[]): AsyncIterable<StoredStakeholderEvent>;
  /** Removes the events older than `time` (the retention horizon); how many. */
  purgeBefore(time: Date): Promise<number>;
}

export interface Subscription {
  id: string;
  stakeholder: Stakeholder;
  clientId: string;
  url: string;
  eventTypes: string[];
  territory?: TerritoryFilter;
  scope: PartnerScope;
  description?: string;
  status: 'active' | 'paused';
  /** Newest first: the current secret, then those replaced that still sign during their overlap. */
  secrets: SigningSecret[];
  createdAt: Date;
  updatedAt: Date;
}

export type SecretsReplacement = 'replaced' | 'stale' | 'missing';

export interface SubscriptionStore {
  insert(subscription: Subscription): Promise<'inserted' | 'exists'>;
  get(id: string): Promise<Subscription | undefined>;
  listByClient(clientId: string): Promise<Subscription[]>;
  forStakeholder(stakeholder: Stakeholder): Promise<Subscription[]>;
  /** Every subscription of every partner: a few dozen at most (`MAX_SUBSCRIPTIONS_PER_PARTNER` each). */
  all(): Promise<Subscription[]>;
  setStatus(id: string, status: Subscription['status'], at: Date): Promise<Subscription | undefined>;
  /**
   * Replaces the secrets of a subscription whose current secret is still `currentSecret` (the one
   * the rotation read): `stale` when another rotation replaced it first, and nothing is written.
   */
  replaceSecrets(id: string, currentSecret: string, secrets: readonly SigningSecret[], at: Date): Promise<SecretsReplacement>;
  delete(id: string): Promise<void>;
}

/** Whether a partner's client may still receive deliveries (a client disabled in the identity provider may not). */
export interface PartnerClients {
  isEnabled(clientId: string): boolean;
}

/** A delivery still to be made: what the scheduler needs, the event to send included. */
export interface QueuedDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  requestId: string;
  /** Position of the event in its topic: one case's deliveries go out in this order. */
  seq: number;
  /** Waits between attempts, planned when the delivery was created. */
  schedule: number[];
  attemptsMade: number;
  firstAttemptAt?: Date;
  nextAttemptAt: Date;
  createdAt: Date;
  replayId?: string;
  event: StoredStakeholderEvent;
}

/**
 * Whether this scheduler makes an attempt of a delivery: `taken`, it does, now; `busy`, the
 * scheduler of another instance holds it (within its lease); `made`, another one made it already,
 * with this outcome.
 */
export type AttemptTake =
  | { readonly kind: 'taken' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'made'; readonly status: DeliveryStatus; readonly at: Date; readonly nextAttemptAt?: Date };

/** A delivery as the partner's delivery log shows it. */
export interface Delivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  requestId: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  nextAttemptAt?: Date;
  createdAt: Date;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** The outcome of one attempt, to be recorded on its delivery. */
export interface AttemptRecord {
  delivery: PendingDelivery;
  status: DeliveryStatus;
  attempt: DeliveryAttempt;
  nextAttemptAt?: Date;
  /** The delivery was stored as outstanding before this attempt; else it was attempted as soon as planned. */
  stored: boolean;
}

/** What is stored of a delivery still to be made: the event itself is kept once, in the event log. */
export type PendingDelivery = Omit<QueuedDelivery, 'event'>;

export interface DeliveryStore {
  /** Stores deliveries still to be made, in the state the scheduler holds them; one already stored is left as it is. */
  createMany(deliveries: readonly PendingDelivery[]): Promise<void>;
  /** Those of these ids that were planned before (delivered since, or still outstanding). */
  planned(ids: readonly string[]): Promise<Set<string>>;
  /** Every delivery still to be made, read when the scheduler starts and then now and then, to take over a stopped instance's. */
  outstanding(): Promise<PendingDelivery[]>;
  /**
   * Takes attempt `attempt` of a delivery for this scheduler, of those of every instance: the
   * first to ask gets it for a lease; after the lease, one that never recorded it (stopped) is
   * taken over.
   */
  takeAttempt(delivery: PendingDelivery, attempt: number, now: Date): Promise<AttemptTake>;
  /**
   * Logs attempts. A delivery settled at its first attempt, never stored as outstanding, is
   * logged as planned here; one still retrying that was never stored is stored by `createMany`.
   */
  recordAttempts(records: readonly AttemptRecord[]): Promise<void>;
  /** Clears what is settled from the store of outstanding deliveries (batched: the scheduler calls it when idle). */
  removeSettled(): Promise<void>;
  page(subscriptionId: string, status: DeliveryStatus | undefined, request: PageRequest): Promise<Page<Delivery>>;
  deleteForSubscription(subscriptionId: string): Promise<void>;
  /** Removes the log of the deliveries planned before `time` (the retention horizon), their attempts and the attempt claims made before it; how many deliveries. */
  purgeBefore(time: Date): Promise<number>;
}

/** Where planned deliveries go: attempted in order per case and subscription, stored when they must wait. */
export interface DeliveryQueue {
  /** Resolves once each delivery is settled and logged, or stored to be tried again. */
  enqueue(deliveries: readonly QueuedDelivery[]): Promise<void>;
}

export interface DeadLetter {
  id: string;
  subscriptionId: string;
  deliveryId: string;
  eventId: string;
  eventType: string;
  reason: string;
  attempts: number;
  lastStatusCode?: number;
  parkedAt: Date;
}

export interface DeadLetterStore {
  park(deadLetter: DeadLetter): Promise<void>;
  page(subscriptionId: string, request: PageRequest): Promise<Page<DeadLetter>>;
  deleteForSubscription(subscriptionId: string): Promise<void>;
}

export interface Replay {
  id: string;
  subscriptionId: string;
  from: Date;
  /** Where it really starts: `from`, or the retention horizon of the event log when that is later. */
  effectiveFrom?: Date;
  until?: Date;
  eventTypes: string[];
  status: 'accepted' | 'running' | 'done' | 'failed';
  requestedAt: Date;
  eventCount?: number;
}

export interface ReplayStore {
  insert(replay: Replay): Promise<void>;
  get(id: string): Promise<Replay | undefined>;
  pending(): Promise<Replay[]>;
  update(id: string, changes: Partial<Pick<Replay, 'status' | 'eventCount'>>): Promise<void>;
}

/** A signed HTTP POST to a partner; the sender refuses internal targets at connection time. */
export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

export interface WebhookSender {
  send(request: WebhookRequest): Promise<Omit<AttemptResult, 'at'>>;
}

// Candidate e-mails --------------------------------------------------------------------------

export interface MailboxStore {
  /** Applies a change of the recipient once per event id; `opensCase`: the event is the case's first, so the mailbox is likely new. */
  setRecipient(requestId: string, eventId: string, recipient: Recipient | undefined, opensCase?: boolean): Promise<void>;
  recipient(requestId: string): Promise<Recipient | undefined>;
}

export interface QueuedEmail {
  id: string;
  requestId: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  attempts: number;
}

export interface EmailQueue {
  /** Records the e-mail of an event once, whatever the number of deliveries of that event. */
  enqueue(email: QueuedEmail, at: Date): Promise<void>;
  /** Drops what was not sent yet for a case (erasure). */
  cancel(requestId: string): Promise<void>;
  /** What is due, oldest first: pending, or taken by a sender that did not settle it within its lease. */
  due(now: Date, limit: number): Promise<QueuedEmail[]>;
  /**
   * Takes a due e-mail for one sending attempt until `leaseUntil`: of concurrent senders (any
   * instance) one only gets it; false when another took it, or it is no longer due.
   */
  take(id: string, now: Date, leaseUntil: Date): Promise<boolean>;
  markSent(id: string, at: Date): Promise<void>;
  markFailed(id: string, attempts: number, retryAt: Date | undefined): Promise<void>;
}

export interface Mailer {
  send(message: { id: string; to: string; subject: string; text: string }): Promise<void>;
}
