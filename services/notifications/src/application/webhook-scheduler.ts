import { cloudEventSources } from '@guichet/contracts';
import type { Logger } from '@guichet/platform';
import { decideAfterAttempt } from '../domain/delivery.js';
import { webhookDisclosure } from '../domain/disclosures.js';
import { nameBasedUuid } from '../domain/ids.js';
import { liveSecrets } from '../domain/signing-secrets.js';
import type { AttemptRecord, Clock, DeadLetterStore, DeliveryQueue, DeliveryStore, EventLog, PartnerClients, PendingDelivery, QueuedDelivery, StoredStakeholderEvent, Subscription, SubscriptionStore, WebhookSender } from './ports.js';
import type { DisclosureLog } from './disclosure-log.js';
import { WebhookSigner } from './webhook-signature.js';

export interface SchedulerDeps {
  deliveries: DeliveryStore;
  /** Where the events of the deliveries found outstanding at start are read. */
  events: EventLog;
  deadLetters: DeadLetterStore;
  subscriptions: SubscriptionStore;
  sender: WebhookSender;
  /** A partner whose client is disabled receives nothing: its deliveries wait, as for a paused subscription. */
  partners: PartnerClients;
  /** Decides what is due; advanced by tests to walk through 24 hours of retries. */
  clock: Clock;
  /** Dates the signature: receivers compare it with their own clock, so it is always real time. */
  signingClock: Clock;
  logger: Logger;
  /** Where each delivered webhook is reported, for the candidate's access log. */
  disclosures?: DisclosureLog;
  /** How often what is outstanding is read again from the store: the deliveries of a stopped instance are taken over. */
  reloadEveryMs?: number;
  /** Attempts per pass, recorded together at its end. */
  batchSize?: number;
  /** Cases attempted in parallel; one case's deliveries to a subscription always go one at a time. */
  concurrency?: number;
}

/** The body of a webhook: a structured CloudEvent (contracts/schemas/webhook.json). */
export function webhookBody(event: StoredStakeholderEvent): string {
  return JSON.stringify({
    specversion: '1.0',
    id: event.id,
    source: cloudEventSources.notifications,
    type: event.type,
    subject: event.requestId,
    time: event.time.toISOString(),
    datacontenttype: 'application/json',
    ...(event.traceparent ? { traceparent: event.traceparent } : {}),
    data: event.data,
  });
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * A delivery held in memory: `stored` once the store keeps it as outstanding; `pass`, the first
 * pass to see it. Its event only while a pass may attempt it: a delivery stored to wait has its
 * event read again from the log when it is due, so that an erasure recorded there by any instance
 * holds for its next attempt.
 */
type Held = PendingDelivery & { event?: StoredStakeholderEvent; stored: boolean; pass?: number };

/** The deliveries of one case to one subscription, in the order of their events. */
interface Lane {
  subscriptionId: string;
  deliveries: Held[];
}

type Outcome = AttemptRecord & { reason?: string; lastStatusCode?: number };

/**
 * Attempts the deliveries that are due, in order per case and subscription: a delivery waits
 * while an earlier one of the same case is outstanding, so a receiver that recovers gets every
 * event in order. Each attempt is logged; a spent schedule parks the delivery with its reason.
 *
 * What is outstanding is held in memory: read from the store once, at start, then fed by
 * `enqueue`. A pass therefore reads nothing from the database; it sends over HTTP in parallel
 * across cases and records its attempts in a few grouped inserts. `enqueue` waits for a pass:
 * a delivery that goes out at once is only logged with its attempt, and only what must wait
 * (a failed attempt, a busy case, a paused subscription) is stored as outstanding. The caller
 * (the consumer, before it commits its offsets) thus never loses a delivery to a stop: one not
 * yet logged is planned again from its event. A subscription whose receiver fails in a pass is
 * not tried again for other cases in that pass, so a receiver that is down slows one pass only.
 *
 * The schedulers of several instances share the store: each attempt is taken first
 * (`takeAttempt`, a claim under a unique key), so a delivery held by two of them is attempted by
 * one; the other learns the outcome, or waits while the attempt is under way. What is
 * outstanding is read again every `reloadEveryMs`, so that what a stopped instance left waiting
 * is taken over.
 */
export class WebhookScheduler implements DeliveryQueue {
  private readonly signers = new Map<string, WebhookSigner>();
  /** An event's body is the same for every subscription and attempt: serialised once. */
  private readonly bodies = new WeakMap<StoredStakeholderEvent, string>();
  private readonly lanes = new Map<string, Lane>();
  private readonly queued = new Set<string>();
  private loading: Promise<void> | undefined;
  private loadedAt: Date | undefined;
  private pass: Promise<number> | undefined;
  private followingPass: Promise<number> | undefined;
  private passes = 0;

  constructor(private readonly deps: SchedulerDeps) {}

  async enqueue(deliveries: readonly QueuedDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    // What was outstanding before is in memory first, so a case's older deliveries go out first.
    await this.ready();
    for (const delivery of deliveries) this.add({ ...delivery, stored: false });
    await this.passFromNow();
  }

  /** One pass over what is due now; returns how many attempts were made. Passes never overlap. */
  tick(): Promise<number> {
    this.pass ??= this.attemptDue().finally(() => {
      this.pass = undefined;
    });
    return this.pass;
  }

  /** A pass that starts after this call, so it sees what was just added; callers meanwhile share it. */
  private passFromNow(): Promise<number> {
    if (!this.pass) return this.tick();
    this.followingPass ??= this.pass
      .catch(() => 0)
      .then(() => {
        this.followingPass = undefined;
        return this.tick();
      });
    return this.followingPass;
  }

  private ready(): Promise<void> {
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    const { deliveries, clock } = this.deps;
    this.loadedAt = clock.now();
    for (const delivery of await deliveries.outstanding()) if (!this.queued.has(delivery.id)) this.add({ ...delivery, stored: true });
  }

  /**
   * The events of the deliveries a pass may attempt that were stored to wait, as the log keeps
   * them now; a delivery whose event the log no longer has (past the retention) is given up.
   */
  private async readEvents(due: ReadonlyArray<[string, Lane, Subscription]>, now: Date): Promise<Outcome[]> {
    const waiting = due.flatMap(([key, lane]) => lane.deliveries.filter((d) => d.event === undefined && d.nextAttemptAt <= now).map((delivery) => ({ key, lane, delivery })));
    if (waiting.length === 0) return [];
    const found = await this.deps.events.byIds([...new Set(waiting.map(({ delivery }) => delivery.eventId))]);
    const lost: Outcome[] = [];
    for (const { key, lane, delivery } of waiting) {
      const event = found.get(delivery.eventId);
      if (event) delivery.event = event;
      else {
        this.remove(key, lane, delivery);
        lost.push(this.lostEvent(delivery, now));
      }
    }
    return lost;
  }

  /** Deliveries stored to wait keep no event in memory (see `Held`). */
  private dropStoredEvents(): void {
    for (const lane of this.lanes.values()) for (const delivery of lane.deliveries) if (delivery.stored) delete delivery.event;
  }

  private lostEvent(delivery: PendingDelivery, at: Date): Outcome {
    const attempt = { attempt: delivery.attemptsMade + 1, at: at.toISOString(), durationMs: 0, error: 'événement introuvable' };
    return { delivery, status: 'dead', attempt, stored: true, reason: 'Événement introuvable dans le journal : livraison impossible.' };
  }

  private add(delivery: Held): void {
    if (this.queued.has(delivery.id)) return;
    this.queued.add(delivery.id);
    delivery.pass = this.passes + 1;
    const key = `${delivery.subscriptionId}/${delivery.requestId}`;
    const lane = this.lanes.get(key) ?? { subscriptionId: delivery.subscriptionId, deliveries: [] };
    this.lanes.set(key, lane);
    let at = lane.deliveries.length;
    while (at > 0 && (lane.deliveries[at - 1] as Held).seq > delivery.seq) at -= 1;
    lane.deliveries.splice(at, 0, delivery);
  }

  private remove(key: string, lane: Lane, delivery: Held): void {
    const index = lane.deliveries.indexOf(delivery);
    if (index >= 0) lane.deliveries.splice(index, 1);
    this.queued.delete(delivery.id);
    if (lane.deliveries.length === 0 && this.lanes.get(key) === lane) this.lanes.delete(key);
  }

  private async attemptDue(): Promise<number> {
    const { deliveries, subscriptions, clock, batchSize = 5000, concurrency = 100, reloadEveryMs = 30_000 } = this.deps;
    await this.ready();
    this.passes += 1;
    const pass = this.passes;
    const now = clock.now();
    if (this.loadedAt !== undefined && now.getTime() - this.loadedAt.getTime() >= reloadEveryMs) await this.load();
    const subscriptionById = new Map<string, Subscription | undefined>();
    const due: Array<[string, Lane, Subscription]> = [];
    for (const [key, lane] of this.lanes) {
      const head = lane.deliveries[0];
      if (!head || head.nextAttemptAt > now) continue;
      if (!subscriptionById.has(lane.subscriptionId)) subscriptionById.set(lane.subscriptionId, await subscriptions.get(lane.subscriptionId));
      const subscription = subscriptionById.get(lane.subscriptionId);
      if (!subscription) {
        // Deleted with its deliveries.
        for (const delivery of [...lane.deliveries]) this.remove(key, lane, delivery);
        continue;
      }
      if (subscription.status === 'active' && this.deps.partners.isEnabled(subscription.clientId)) due.push([key, lane, subscription]);
    }
    if (due.length === 0) {
      await this.storeWaiting(pass);
      this.dropStoredEvents();
      await deliveries.removeSettled();
      return 0;
    }
    const records: Outcome[] = await this.readEvents(due, now);
    const failing = new Set<string>();
    let budget = batchSize;
    await inParallel(due, concurrency, async ([key, lane, subscription]) => {
      for (let head = lane.deliveries[0]; head && head.nextAttemptAt <= now && budget > 0 && !failing.has(subscription.id); head = lane.deliveries[0]) {
        const take = await deliveries.takeAttempt(head, head.attemptsMade + 1, now);
        // Another instance is making this attempt: the case's later deliveries wait behind it.
        if (take.kind === 'busy') break;
        if (take.kind === 'made') {
          if (take.status !== 'retrying') {
            this.remove(key, lane, head);
            continue;
          }
          head.attemptsMade += 1;
          head.firstAttemptAt ??= take.at;
          head.nextAttemptAt = take.nextAttemptAt ?? now;
          break;
        }
        budget -= 1;
        const record = await this.attempt(head, subscription);
        records.push(record);
        if (record.status === 'retrying') {
          failing.add(subscription.id);
          head.attemptsMade = record.attempt.attempt;
          head.firstAttemptAt ??= new Date(record.attempt.at);
          head.nextAttemptAt = record.nextAttemptAt ?? now;
          break;
        }
        this.remove(key, lane, head);
      }
    });
    // Before the attempts: a stop between the two delivers again, under the same disclosure id.
    await this.disclose(records, subscriptionById);
    await deliveries.recordAttempts(records);
    await this.storeWaiting(pass);
    this.dropStoredEvents();
    await this.park(records.filter((r) => r.status === 'dead'));
    return records.length;
  }

  private async disclose(records: readonly Outcome[], subscriptionById: ReadonlyMap<string, Subscription | undefined>): Promise<void> {
    const { disclosures } = this.deps;
    if (!disclosures) return;
    const delivered = records.flatMap(({ delivery, status, attempt }) => {
      const subscription = subscriptionById.get(delivery.subscriptionId);
      return status === 'delivered' && subscription ? [webhookDisclosure(delivery, subscription, attempt.at)] : [];
    });
    if (delivered.length > 0) await disclosures.record(delivered);
  }

  /**
   * Stores what this pass saw and left waiting in memory, in its current state (attempts made,
   * next date); what was added during the pass is for the next one, whose caller awaits it.
   */
  private async storeWaiting(pass: number): Promise<void> {
    const waiting = [...this.lanes.values()].flatMap((lane) => lane.deliveries.filter((d) => !d.stored && (d.pass ?? 0) <= pass));
    if (waiting.length === 0) return;
    await this.deps.deliveries.createMany(waiting);
    for (const delivery of waiting) delivery.stored = true;
  }

  private signer(secret: string): WebhookSigner {
    let signer = this.signers.get(secret);
    if (!signer) {
      signer = new WebhookSigner(secret);
      this.signers.set(secret, signer);
    }
    return signer;
  }

  /** One `v1,<signature>` per live secret, space-separated (Standard Webhooks): the receiver accepts any that it can verify. */
  private signatures(subscription: Subscription, id: string, signedAt: Date, body: string): string {
    return liveSecrets(subscription.secrets, signedAt)
      .map((secret) => this.signer(secret.value).sign(id, signedAt, body))
      .join(' ');
  }

  private async attempt(delivery: Held, subscription: Subscription): Promise<Outcome> {
    const { sender, clock, signingClock } = this.deps;
    const { event } = delivery;
    if (event === undefined) throw new Error(`livraison ${delivery.id} sans son événement`);
    let body = this.bodies.get(event);
    if (body === undefined) {
      body = webhookBody(event);
      this.bodies.set(event, body);
    }
    const signedAt = signingClock.now();
    const headers = {
      'content-type': 'application/cloudevents+json',
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(signedAt.getTime() / 1000)),
      'webhook-signature': this.signatures(subscription, event.id, signedAt, body),
      // The W3C header too, so that the partner's own tracing continues the case's trace.
      ...(event.traceparent ? { traceparent: event.traceparent } : {}),
    };
    const outcome = await sender.send({ url: subscription.url, body, headers });
    const decision = decideAfterAttempt(
      { attemptsMade: delivery.attemptsMade, schedule: delivery.schedule, ...(delivery.firstAttemptAt ? { firstAttemptAt: delivery.firstAttemptAt } : {}) },
      { ...outcome, at: clock.now() },
    );
    const { stored } = delivery;
    switch (decision.status) {
      case 'delivered':
        return { delivery, stored, status: 'delivered', attempt: decision.attempt };
      case 'retrying':
        return { delivery, stored, status: 'retrying', attempt: decision.attempt, nextAttemptAt: decision.nextAttemptAt };
      case 'dead':
        return { delivery, stored, status: 'dead', attempt: decision.attempt, reason: decision.reason, ...(decision.lastStatusCode === undefined ? {} : { lastStatusCode: decision.lastStatusCode }) };
    }
  }

  private async park(records: readonly Outcome[]): Promise<void> {
    for (const { delivery, attempt, reason, lastStatusCode } of records) {
      await this.deps.deadLetters.park({
        id: nameBasedUuid('dead-letter', delivery.id),
        subscriptionId: delivery.subscriptionId,
        deliveryId: delivery.id,
        eventId: delivery.eventId,
        eventType: delivery.eventType,
        reason: reason ?? 'Échec des tentatives de livraison.',
        attempts: attempt.attempt,
        ...(lastStatusCode === undefined ? {} : { lastStatusCode }),
        parkedAt: new Date(attempt.at),
      });
      this.deps.logger.warn({ deliveryId: delivery.id, subscriptionId: delivery.subscriptionId, attempts: attempt.attempt }, 'livraison webhook abandonnée, mise en lettre morte');
    }
  }
}
