import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { routeTemplate } from './route-template.js';

const tracer = () => trace.getTracer('@guichet/platform/http');

/**
 * One SERVER span per request, child of the caller's `traceparent`. Done here rather than by
 * @opentelemetry/instrumentation-http because ESM imports are not patched without a loader hook
 * (see README); binding req/res keeps the context across body parsing, whose callbacks would
 * otherwise run in the socket's context.
 */
export function traceRequests() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer().startSpan(
      `${req.method}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': req.method, 'url.path': req.path, 'url.scheme': req.protocol },
      },
      parent,
    );
    const active = trace.setSpan(parent, span);
    context.bind(active, req);
    context.bind(active, res);
    res.on('finish', () => {
      const route = routeTemplate(req);
      if (route !== undefined) {
        span.updateName(`${req.method} ${route}`);
        span.setAttribute('http.route', route);
      }
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(active, next);
  };
}
