import { withoutIdentity } from '../domain/erasure.js';
import { subscriptionWants } from '../domain/subscription-rules.js';
import { planDelivery } from './plan-delivery.js';
import type { Clock, DeliveryQueue, DeliveryStore, EventLog, QueuedDelivery, StoredStakeholderEvent, SubscriptionStore } from './ports.js';

export interface DispatchDeps {
  events: EventLog;
  subscriptions: SubscriptionStore;
  deliveries: DeliveryStore;
  queue: DeliveryQueue;
  clock: Clock;
  random: () => number;
}

const isErasure = (event: StoredStakeholderEvent): boolean => event.type.endsWith('.request-erased.v1');

/**
 * Stakeholder events, as published on their topics, are kept for replays and queued for every
 * subscription that wants them (paused ones too: they receive them when resumed), a batch at a
 * time. An event read again (a redelivery after a restart) queues only what was never planned.
 * An erasure removes the identity from every kept event of the case, before the batch is
 * queued; a delivery waiting in any instance reads its event again from the log when it is due,
 * so no webhook of the case carries the identity any more.
 */
export async function dispatchStakeholderEvents(deps: DispatchDeps, events: readonly StoredStakeholderEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const recorded = await deps.events.recordMany(events);
  const erased = new Set(events.filter(isErasure).map((e) => e.requestId));
  for (const requestId of erased) await deps.events.forget(requestId);
  const planned: QueuedDelivery[] = [];
  const now = deps.clock.now();
  for (const received of events) {
    const event = erased.has(received.requestId) ? { ...received, data: withoutIdentity(received.data) } : received;
    const wanting = (await deps.subscriptions.forStakeholder(event.stakeholder)).filter((s) => subscriptionWants(s, event.type, event.territory));
    for (const subscription of wanting) planned.push(planDelivery(subscription.id, event, now, deps.random));
  }
  const seenBefore = planned.filter((d) => !recorded.has(d.eventId)).map((d) => d.id);
  const already = await deps.deliveries.planned(seenBefore);
  await deps.queue.enqueue(planned.filter((d) => !already.has(d.id)));
  return planned.length;
}
