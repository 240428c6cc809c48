import { cloudEventSources } from '@guichet/contracts';
import type { Logger } from '@guichet/platform';
import { Webhook } from 'standardwebhooks';
import { decideAfterAttempt } from '../domain/delivery.js';
import { nameBasedUuid } from '../domain/ids.js';
import type { AttemptRecord, Clock, DeadLetterStore, Delivery, DeliveryStore, EventLog, StoredStakeholderEvent, Subscription, SubscriptionStore, WebhookSender } from './ports.js';

export interface SchedulerDeps {
  deliveries: DeliveryStore;
  deadLetters: DeadLetterStore;
  subscriptions: SubscriptionStore;
  events: EventLog;
  sender: WebhookSender;
  /** Decides what is due; advanced by tests to walk through 24 hours of retries. */
  clock: Clock;
  /** Dates the signature: receivers compare it with their own clock, so it is always real time. */
  signingClock: Clock;
  logger: Logger;
  batchSize?: number;
  /** Cases attempted in parallel; one case's deliveries to a subscription always go one at a time. */
  concurrency?: number;
  leaseMs?: number;
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
 * Attempts the deliveries that are due, in order per case and subscription: a delivery waits
 * while an earlier one of the same case is outstanding, so a receiver that recovers gets every
 * event in order. Each attempt is logged; a spent schedule parks the delivery with its reason.
 * A pass reads, claims and records in a few batched writes, and sends over HTTP in parallel.
 */
export class WebhookScheduler {
  private readonly signers = new Map<string, Webhook>();
  private pass: Promise<number> | undefined;

  constructor(private readonly deps: SchedulerDeps) {}

  /** One pass over what is due now; returns how many attempts were made. Passes never overlap. */
  tick(): Promise<number> {
    this.pass ??= this.attemptDue().finally(() => {
      this.pass = undefined;
    });
    return this.pass;
  }

  private async attemptDue(): Promise<number> {
    const { deliveries, subscriptions, clock, batchSize = 500, concurrency = 64, leaseMs = 60_000 } = this.deps;
    const now = clock.now();
    const due = await deliveries.due(now, batchSize);
    if (due.length === 0) return 0;
    const subscriptionById = new Map<string, Subscription | undefined>();
    for (const id of new Set(due.map((d) => d.subscriptionId))) subscriptionById.set(id, await subscriptions.get(id));
    const groups = new Map<string, Delivery[]>();
    for (const delivery of due) {
      if (subscriptionById.get(delivery.subscriptionId)?.status !== 'active') continue;
      const key = `${delivery.subscriptionId}/${delivery.requestId}`;
      groups.set(key, [...(groups.get(key) ?? []), delivery]);
    }
    // A case waits while an earlier delivery of it (not due yet, or outside this batch) is outstanding.
    const earliest = await deliveries.earliestOutstanding([...groups.values()].map((group) => group[0] as Delivery));
    const ready = [...groups].filter(([key, group]) => earliest.get(key) === group[0]?.seq).map(([, group]) => group);
    const claimed = await deliveries.claim(ready.flat().map((d) => d.id), now, new Date(now.getTime() + leaseMs));
    const events = await this.deps.events.byIds([...new Set(ready.flat().map((d) => d.eventId))]);
    const records: AttemptRecord[] = [];
    const untouched: string[] = [];
    await inParallel(ready, concurrency, async (group) => {
      let stopped = false;
      for (const delivery of group) {
        if (!claimed.has(delivery.id)) {
          stopped = true;
          continue;
        }
        if (stopped) {
          untouched.push(delivery.id);
          continue;
        }
        const record = await this.attempt(delivery, subscriptionById.get(delivery.subscriptionId) as Subscription, events.get(delivery.eventId));
        records.push(record);
        stopped = record.status !== 'delivered';
      }
    });
    await deliveries.recordAttempts(records);
    await deliveries.release(untouched);
    await this.park(records.filter((r) => r.status === 'dead'));
    return records.length;
  }

  private signer(subscription: Subscription): Webhook {
    let signer = this.signers.get(subscription.id);
    if (!signer) {
      signer = new Webhook(subscription.secret);
      this.signers.set(subscription.id, signer);
    }
    return signer;
  }

  private async attempt(delivery: Delivery, subscription: Subscription, event: StoredStakeholderEvent | undefined): Promise<AttemptRecord & { reason?: string; lastStatusCode?: number }> {
    const { sender, clock, signingClock } = this.deps;
    let outcome: { statusCode?: number; error?: string; durationMs: number };
    if (event) {
      const body = webhookBody(event);
      const signedAt = signingClock.now();
      const headers = {
        'content-type': 'application/cloudevents+json',
        'webhook-id': event.id,
        'webhook-timestamp': String(Math.floor(signedAt.getTime() / 1000)),
        'webhook-signature': this.signer(subscription).sign(event.id, signedAt, body),
      };
      outcome = await sender.send({ url: subscription.url, body, headers });
    } else {
      outcome = { error: 'événement introuvable (effacé)', durationMs: 0 };
    }
    const decision = decideAfterAttempt(
      { attemptsMade: delivery.attempts.length, schedule: event ? delivery.schedule : [], ...(delivery.firstAttemptAt ? { firstAttemptAt: delivery.firstAttemptAt } : {}) },
      { ...outcome, at: clock.now() },
    );
    switch (decision.status) {
      case 'delivered':
        return { delivery, status: 'delivered', attempt: decision.attempt };
      case 'retrying':
        return { delivery, status: 'retrying', attempt: decision.attempt, nextAttemptAt: decision.nextAttemptAt };
      case 'dead':
        return { delivery, status: 'dead', attempt: decision.attempt, reason: decision.reason, ...(decision.lastStatusCode === undefined ? {} : { lastStatusCode: decision.lastStatusCode }) };
    }
  }

  private async park(records: ReadonlyArray<AttemptRecord & { reason?: string; lastStatusCode?: number }>): Promise<void> {
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
