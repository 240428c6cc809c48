import type { ServiceMetrics } from '@guichet/platform';
import type { DeliveryStatus } from '../../domain/delivery.js';
import type { AttemptRecord, AttemptTake, DeadLetter, DeadLetterStore, Delivery, DeliveryStore, Page, PageRequest, PendingDelivery } from '../../application/ports.js';

/**
 * Counts webhook attempts as they are logged: by outcome (`delivered`, `retrying`, `dead`) and
 * attempt number, and, for those delivered, the time from the delivery's planning (its event read
 * from the stakeholder topic) to the receiver's answer: how late the fan-out is.
 */
export class MeasuredDeliveryStore implements DeliveryStore {
  private readonly attempts;
  private readonly delay;

  constructor(
    private readonly store: DeliveryStore,
    metrics: ServiceMetrics,
  ) {
    this.attempts = metrics.counter({
      name: 'webhook_delivery_attempts_total',
      help: 'Tentatives de livraison webhook, par issue (delivered, retrying, dead) et numéro de tentative',
      labelNames: ['outcome', 'attempt'] as const,
    });
    this.delay = metrics.histogram({
      name: 'webhook_delivery_delay_seconds',
      help: 'Délai entre la planification d’une livraison webhook et sa réussite, par numéro de tentative',
      labelNames: ['attempt'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600],
    });
  }

  async recordAttempts(records: readonly AttemptRecord[]): Promise<void> {
    await this.store.recordAttempts(records);
    for (const { status, attempt, delivery } of records) {
      const labels = { outcome: status, attempt: String(attempt.attempt) };
      this.attempts.inc(labels);
      if (status === 'delivered') this.delay.observe({ attempt: labels.attempt }, Math.max(0, (Date.parse(attempt.at) - delivery.createdAt.getTime()) / 1000));
    }
  }

  createMany(deliveries: readonly PendingDelivery[]): Promise<void> {
    return this.store.createMany(deliveries);
  }

  planned(ids: readonly string[]): Promise<Set<string>> {
    return this.store.planned(ids);
  }

  outstanding(): Promise<PendingDelivery[]> {
    return this.store.outstanding();
  }

  takeAttempt(delivery: PendingDelivery, attempt: number, now: Date): Promise<AttemptTake> {
    return this.store.takeAttempt(delivery, attempt, now);
  }

  removeSettled(): Promise<void> {
    return this.store.removeSettled();
  }

  page(subscriptionId: string, status: DeliveryStatus | undefined, request: PageRequest): Promise<Page<Delivery>> {
    return this.store.page(subscriptionId, status, request);
  }

  deleteForSubscription(subscriptionId: string): Promise<void> {
    return this.store.deleteForSubscription(subscriptionId);
  }

  purgeBefore(time: Date): Promise<number> {
    return this.store.purgeBefore(time);
  }
}

/** Counts the deliveries given up and parked as dead letters, by event type. */
export class MeasuredDeadLetterStore implements DeadLetterStore {
  private readonly parked;

  constructor(
    private readonly store: DeadLetterStore,
    metrics: ServiceMetrics,
  ) {
    this.parked = metrics.counter({ name: 'webhook_dead_letters_total', help: 'Livraisons webhook abandonnées et mises en lettre morte, par type d’événement', labelNames: ['event_type'] as const });
  }

  async park(deadLetter: DeadLetter): Promise<void> {
    await this.store.park(deadLetter);
    this.parked.inc({ event_type: deadLetter.eventType });
  }

  page(subscriptionId: string, request: PageRequest): Promise<Page<DeadLetter>> {
    return this.store.page(subscriptionId, request);
  }

  deleteForSubscription(subscriptionId: string): Promise<void> {
    return this.store.deleteForSubscription(subscriptionId);
  }
}
