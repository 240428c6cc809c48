import type { DeadLetter as DeadLetterView, Delivery as DeliveryView, Replay as ReplayView, Subscription as SubscriptionView } from '@guichet/contracts';
import type { DeadLetter, Delivery, Replay, Subscription } from '../../application/ports.js';

// API bodies as the contracts define them: never the secret (shown once) nor the partner's scope.

export function subscriptionView(s: Subscription): SubscriptionView {
  return {
    id: s.id,
    stakeholder: s.stakeholder,
    clientId: s.clientId,
    url: s.url,
    eventTypes: s.eventTypes,
    ...(s.territory ? { territory: s.territory as SubscriptionView['territory'] } : {}),
    ...(s.description ? { description: s.description } : {}),
    status: s.status,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function deliveryView(d: Delivery): DeliveryView {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    eventId: d.eventId,
    eventType: d.eventType,
    requestId: d.requestId,
    status: d.status,
    attempts: d.attempts,
    ...(d.nextAttemptAt ? { nextAttemptAt: d.nextAttemptAt.toISOString() } : {}),
    createdAt: d.createdAt.toISOString(),
  };
}

export function deadLetterView(d: DeadLetter): DeadLetterView {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    deliveryId: d.deliveryId,
    eventId: d.eventId,
    eventType: d.eventType,
    reason: d.reason,
    attempts: d.attempts,
    ...(d.lastStatusCode === undefined ? {} : { lastStatusCode: d.lastStatusCode }),
    parkedAt: d.parkedAt.toISOString(),
  };
}

export function replayView(r: Replay): ReplayView {
  return {
    id: r.id,
    subscriptionId: r.subscriptionId,
    from: r.from.toISOString(),
    ...(r.effectiveFrom ? { effectiveFrom: r.effectiveFrom.toISOString() } : {}),
    ...(r.until ? { until: r.until.toISOString() } : {}),
    status: r.status,
    requestedAt: r.requestedAt.toISOString(),
    ...(r.eventCount === undefined ? {} : { eventCount: r.eventCount }),
  };
}
