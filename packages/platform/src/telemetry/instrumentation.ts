import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { register } from 'import-in-the-middle/register-hooks.mjs';

/**
 * Loaded with `--import` before a service's entry (`npm start`, the tests' services, the image):
 * ESM imports are linked before any line of the entry runs, so the hooks that let the
 * instrumentations patch `express`, `mongodb` and `node:http` must be in place first. Node 24
 * runs import-in-the-middle's synchronous hooks (`module.registerHooks`) on the main thread, so
 * no loader thread nor message channel is needed. Spans go to the provider `startTelemetry`
 * registers later (the API's proxy tracer delegates once it is set); none before it, none in a
 * process started without this file (in-process tests).
 */
register({ include: ['express', 'mongodb', 'http', 'node:http'] });

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
    // One span per route handler: the common middleware (headers, body parsing) and the routers
    // each request passes through are noise. Ignored layers still make up the route's template.
    new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER] }),
    // Statements are recorded with their values replaced by `?`: no personal data in a trace.
    new MongoDBInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true }),
  ],
});
