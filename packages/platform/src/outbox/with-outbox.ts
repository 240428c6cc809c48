import type { mongo } from 'mongoose';
import type { OutboundEvent } from '../kafka/cloudevents.js';
import { mergePush } from '../mongo/merge-update.js';
import { captureTraceContext } from '../telemetry/trace-context.js';

/** An event waiting in its aggregate document, with the trace context of the command that caused it. */
export type OutboxEntry = OutboundEvent;

export const OUTBOX_FIELD = 'outbox';

/** The events as outbox entries, each stamped with the active trace context unless it has one. */
export function outboxEntries(events: readonly OutboundEvent[]): OutboxEntry[] {
  const active = captureTraceContext();
  return events.map((event) => {
    const own = event.traceparent ? { traceparent: event.traceparent, tracestate: event.tracestate } : active;
    const entry: OutboxEntry = { id: event.id, type: event.type, source: event.source, subject: event.subject, time: event.time, key: event.key, data: event.data };
    if (own.traceparent) entry.traceparent = own.traceparent;
    if (own.tracestate) entry.tracestate = own.tracestate;
    return entry;
  });
}

/**
 * Appends `events` to the document's outbox in the same single-document update as the state
 * change, so the change and its events are stored atomically or not at all. For a new document,
 * insert `{ ...state, outbox: outboxEntries(events) }` instead.
 */
export function withOutbox<T>(update: mongo.UpdateFilter<T>, events: readonly OutboundEvent[]): mongo.UpdateFilter<T> {
  if (events.length === 0) return update;
  return mergePush(update, { [OUTBOX_FIELD]: { $each: outboxEntries(events) } });
}
