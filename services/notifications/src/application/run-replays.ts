import type { Logger } from '@guichet/platform';
import { subscriptionWants } from '../domain/subscription-rules.js';
import { planDelivery } from './plan-delivery.js';
import type { Clock, DeliveryQueue, EventLog, QueuedDelivery, ReplayStore, SubscriptionStore } from './ports.js';

export interface ReplayDeps {
  replays: ReplayStore;
  subscriptions: SubscriptionStore;
  events: EventLog;
  queue: DeliveryQueue;
  clock: Clock;
  random: () => number;
  logger: Logger;
}

const BATCH = 500;

/**
 * Re-enqueues, for each requested replay, the partner's kept events since the given instant that
 * its subscription wants today. A replay interrupted by a stop is run again: its deliveries have
 * derived ids, so nothing is queued twice.
 */
export async function runPendingReplays(deps: ReplayDeps): Promise<number> {
  let replayed = 0;
  for (const replay of await deps.replays.pending()) {
    const subscription = await deps.subscriptions.get(replay.subscriptionId);
    if (!subscription) {
      await deps.replays.update(replay.id, { status: 'failed' });
      continue;
    }
    await deps.replays.update(replay.id, { status: 'running' });
    const types = replay.eventTypes.length > 0 ? subscription.eventTypes.filter((t) => replay.eventTypes.includes(t)) : subscription.eventTypes;
    const now = deps.clock.now();
    let batch: QueuedDelivery[] = [];
    let count = 0;
    for await (const event of deps.events.since(subscription.stakeholder, replay.effectiveFrom ?? replay.from, replay.until, types)) {
      if (!subscriptionWants(subscription, event.type, event.territory)) continue;
      batch.push(planDelivery(subscription.id, event, now, deps.random, replay.id));
      count += 1;
      if (batch.length >= BATCH) {
        await deps.queue.enqueue(batch);
        batch = [];
      }
    }
    await deps.queue.enqueue(batch);
    await deps.replays.update(replay.id, { status: 'done', eventCount: count });
    deps.logger.info({ replayId: replay.id, subscriptionId: subscription.id, eventCount: count }, 'rejeu préparé');
    replayed += count;
  }
  return replayed;
}
