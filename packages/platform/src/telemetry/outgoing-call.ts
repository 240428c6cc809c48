import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { contextFromCarrier } from './trace-context.js';

export interface OutgoingCall {
  /** The headers to send: the caller's, with `traceparent`/`tracestate` naming this call's span. */
  headers: Record<string, string>;
  end(outcome: { statusCode?: number; error?: string }): void;
}

/**
 * A CLIENT span for an HTTP call made on behalf of a stored event: its parent is the event's
 * `traceparent` given in `headers` (else the active context), and the call carries the span's own
 * context, so the receiver's tracing continues the same trace. For clients no instrumentation
 * parents correctly, such as a connection pool driven by a scheduler that serves many traces.
 */
export function traceOutgoingCall(tracerName: string, method: string, url: URL, headers: Record<string, string>, attributes: Record<string, string> = {}): OutgoingCall {
  const { traceparent, tracestate, ...rest } = headers;
  const parent = contextFromCarrier({ ...(traceparent ? { traceparent } : {}), ...(tracestate ? { tracestate } : {}) }, context.active());
  const span = trace.getTracer(tracerName).startSpan(
    method,
    {
      kind: SpanKind.CLIENT,
      attributes: { 'http.request.method': method, 'server.address': url.hostname, 'server.port': Number(url.port || (url.protocol === 'https:' ? 443 : 80)), 'url.scheme': url.protocol.replace(':', ''), ...attributes },
    },
    parent,
  );
  const sent: Record<string, string> = { ...rest };
  propagation.inject(trace.setSpan(parent, span), sent);
  return {
    headers: sent,
    end({ statusCode, error }) {
      if (statusCode !== undefined) span.setAttribute('http.response.status_code', statusCode);
      if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: error });
      else if (statusCode !== undefined && statusCode >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  };
}
