import { subscriptionWants } from '../domain/subscription-rules.js';
import { planDelivery } from './plan-delivery.js';
import type { Clock, DeliveryStore, EventLog, StoredStakeholderEvent, SubscriptionStore } from './ports.js';

export interface DispatchDeps {
  events: EventLog;
  subscriptions: SubscriptionStore;
  deliveries: DeliveryStore;
  clock: Clock;
  random: () => number;
  onQueued?: () => void;
}

/**
 * A stakeholder event, as published on its topic, is kept for replays and queued for every
 * subscription that wants it (paused ones too: they receive it when resumed). An erasure first
 * removes the identity from every kept event of the case.
 */
export async function dispatchStakeholderEvent(deps: DispatchDeps, event: StoredStakeholderEvent): Promise<number> {
  await deps.events.record(event);
  if (event.type.endsWith('.request-erased.v1')) await deps.events.forget(event.requestId);
  const wanting = (await deps.subscriptions.forStakeholder(event.stakeholder)).filter((s) => subscriptionWants(s, event.type, event.territory));
  const now = deps.clock.now();
  await deps.deliveries.createMany(wanting.map((s) => planDelivery(s.id, event, now, deps.random)));
  if (wanting.length > 0) deps.onQueued?.();
  return wanting.length;
}
