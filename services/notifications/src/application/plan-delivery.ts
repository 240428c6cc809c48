import { nameBasedUuid } from '../domain/ids.js';
import { retrySchedule } from '../domain/retry-schedule.js';
import type { QueuedDelivery, StoredStakeholderEvent } from './ports.js';

/**
 * A delivery of one event to one subscription, with its own retry schedule. Its id derives from
 * the pair (and the replay), so an event received twice is delivered once.
 */
export function planDelivery(subscriptionId: string, event: StoredStakeholderEvent, now: Date, random: () => number, replayId?: string): QueuedDelivery {
  return {
    id: nameBasedUuid('delivery', subscriptionId, event.id, replayId ?? ''),
    subscriptionId,
    eventId: event.id,
    eventType: event.type,
    requestId: event.requestId,
    seq: event.seq,
    schedule: retrySchedule(random),
    attemptsMade: 0,
    nextAttemptAt: now,
    createdAt: now,
    ...(replayId ? { replayId } : {}),
    event,
  };
}
