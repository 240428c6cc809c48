import type { DeliveryAttempt, InseeCommuneCode, OfferKind, Territory, Zone } from '@guichet/contracts';
import type { OutboundEvent } from '@guichet/platform';
import type { CaseProjection } from '../domain/case-projection.js';
import type { Recipient } from '../domain/candidate-emails.js';
import type { AttemptResult, DeliveryStatus } from '../domain/delivery.js';
import type { ProjectionContext } from '../domain/drafts.js';
import type { TerritoryFilter } from '../domain/places.js';
import type { Stakeholder } from '../domain/stakeholders.js';
import type { PartnerScope } from '../domain/subscription-rules.js';

/** Time as an input: the scheduler's clock is advanced by tests. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

// Case projections ---------------------------------------------------------------------------

export interface StoredCase {
  state: CaseProjection;
  version: number;
  /** The event being handled was already applied to this case. */
  seen: boolean;
}

export type SaveOutcome = 'applied' | 'duplicate' | 'conflict';

export interface CaseStore {
  load(requestId: string, eventId: string): Promise<StoredCase | undefined>;
  /** State, outbox entries and the event id in one single-document write, guarded by the version. */
  save(requestId: string, expectedVersion: number | undefined, eventId: string, state: CaseProjection, events: readonly OutboundEvent[]): Promise<SaveOutcome>;
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
  /** Keeps an event for deliveries and replays; false when it was already there. */
  record(event: StoredStakeholderEvent): Promise<boolean>;
  /** Removes the identity and contact of a case from every kept event. */
  forget(requestId: string): Promise<void>;
  byIds(ids: readonly string[]): Promise<Map<string, StoredStakeholderEvent>>;
  since(stakeholder: Stakeholder, from: Date, until: Date | undefined, types: readonly string[]): AsyncIterable<StoredStakeholderEvent>;
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
  secret: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface SubscriptionStore {
  insert(subscription: Subscription): Promise<'inserted' | 'exists'>;
  get(id: string): Promise<Subscription | undefined>;
  listByClient(clientId: string): Promise<Subscription[]>;
  forStakeholder(stakeholder: Stakeholder): Promise<Subscription[]>;
  setStatus(id: string, status: Subscription['status'], at: Date): Promise<Subscription | undefined>;
  delete(id: string): Promise<void>;
}

export interface Delivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  requestId: string;
  seq: number;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  schedule: number[];
  nextAttemptAt: Date;
  firstAttemptAt?: Date;
  createdAt: Date;
  replayId?: string;
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
  delivery: Delivery;
  status: DeliveryStatus;
  attempt: DeliveryAttempt;
  nextAttemptAt?: Date;
}

export interface DeliveryStore {
  createMany(deliveries: readonly Delivery[]): Promise<void>;
  /** Due deliveries, oldest position first; claimed ones are skipped. */
  due(now: Date, limit: number): Promise<Delivery[]>;
  /** Lowest position still outstanding for each (subscription, case) pair, keyed `subscriptionId/requestId`. */
  earliestOutstanding(pairs: ReadonlyArray<Pick<Delivery, 'subscriptionId' | 'requestId'>>): Promise<Map<string, number>>;
  /** Takes deliveries for one attempt each; returns those this worker got. */
  claim(ids: readonly string[], now: Date, until: Date): Promise<Set<string>>;
  /** Gives back claimed deliveries that were not attempted. */
  release(ids: readonly string[]): Promise<void>;
  recordAttempts(records: readonly AttemptRecord[]): Promise<void>;
  page(subscriptionId: string, status: DeliveryStatus | undefined, request: PageRequest): Promise<Page<Delivery>>;
  deleteForSubscription(subscriptionId: string): Promise<void>;
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
  /** Applies a change of the recipient once per event id. */
  setRecipient(requestId: string, eventId: string, recipient: Recipient | undefined): Promise<void>;
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
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<QueuedEmail[]>;
  markSent(id: string, at: Date): Promise<void>;
  markFailed(id: string, attempts: number, retryAt: Date | undefined): Promise<void>;
}

export interface Mailer {
  send(message: { id: string; to: string; subject: string; text: string }): Promise<void>;
}
