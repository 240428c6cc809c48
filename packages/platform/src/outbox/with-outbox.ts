import type { mongo } from 'mongoose';
import type { OutboundEvent } from '../kafka/cloudevents.js';
import { mergePush } from '../mongo/merge-update.js';
import { OUTBOX_FIELD, outboxEntries } from './outbox.js';

/**
 * Appends `events` to the document's outbox in the same single-document update as the state
 * change, so the change and its events are stored atomically or not at all. For a new document,
 * insert `{ ...state, outbox: outboxEntries(events) }` instead.
 */
export function withOutbox<T>(update: mongo.UpdateFilter<T>, events: readonly OutboundEvent[]): mongo.UpdateFilter<T> {
  if (events.length === 0) return update;
  return mergePush(update, { [OUTBOX_FIELD]: { $each: outboxEntries(events) } });
}
