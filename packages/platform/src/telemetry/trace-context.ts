import { context, propagation, trace, type Context } from '@opentelemetry/api';

export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** The active trace context as W3C headers, to store (outbox) or send (Kafka, webhooks). */
export function captureTraceContext(from: Context = context.active()): TraceCarrier {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return {
    ...(carrier['traceparent'] ? { traceparent: carrier['traceparent'] } : {}),
    ...(carrier['tracestate'] ? { tracestate: carrier['tracestate'] } : {}),
  };
}

/** A context whose parent is the given `traceparent`, or the active one when there is none. */
export function contextFromCarrier(carrier: TraceCarrier, base: Context = context.active()): Context {
  if (!carrier.traceparent) return base;
  const headers: Record<string, string> = { traceparent: carrier.traceparent };
  if (carrier.tracestate) headers['tracestate'] = carrier.tracestate;
  // Drop the base's span so an absent or invalid traceparent does not silently reuse it.
  return propagation.extract(trace.deleteSpan(base), headers);
}
