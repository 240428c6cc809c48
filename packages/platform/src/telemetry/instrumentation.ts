import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { register } from 'import-in-the-middle/register-hooks.mjs';
import { dbStatementShape } from './db-statement.js';

/**
 * Loaded with `--import` before a service's entry (`npm start`, the tests' services, the image):
 * ESM imports are linked before any line of the entry runs, so the hooks that let the
 * instrumentations patch `express`, `mongodb` and `node:http` must be in place first. Node 24
 * runs import-in-the-middle's synchronous hooks (`module.registerHooks`) on the main thread, so
 * no loader thread nor message channel is needed. Spans go to the provider `startTelemetry`
 * registers later (the API's proxy tracer delegates once it is set); none before it, none in a
 * process started without this file (in-process tests).
 */
// A span per route handler and per MongoDB command only serves a trace viewer: without a collector
// (the services export exactly when OTEL_EXPORTER_OTLP_ENDPOINT is set) the instrumentations would
// still build their attributes, the statement of every command included, for spans nobody reads.
// The HTTP server span stays: it carries the caller's trace into the logs, the outbox and Kafka.
const exported = Boolean(process.env['OTEL_EXPORTER_OTLP_ENDPOINT']);

register({ include: exported ? ['express', 'mongodb', 'http', 'node:http'] : ['http', 'node:http'] });

// Health probes and scrapes every few seconds would bury the requests in a trace viewer.
const UNTRACED_PATHS = ['/health/', '/metrics'];

registerInstrumentations({
  instrumentations: [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.some((path) => request.url?.startsWith(path) === true),
      // node:http only carries the OTLP export itself: webhooks go through undici with their own span
      // (traceOutgoingCall), Keycloak and JWKS calls through fetch.
      disableOutgoingRequestInstrumentation: true,
    }),
    ...(exported
      ? [
          // One span per route handler: the common middleware (headers, body parsing) and the routers
          // each request passes through are noise. Ignored layers still make up the route's template.
          new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER] }),
          // The statement is the command's shape with `?` for every value: no personal data in a trace.
          new MongoDBInstrumentation({ requireParentSpan: true, dbStatementSerializer: dbStatementShape }),
        ]
      : []),
  ],
});
