import express, { type Express, type Router } from 'express';
import type { Logger } from '../logger/create-logger.js';
import { measureRequests } from '../metrics/http-metrics.js';
import type { ServiceMetrics } from '../metrics/service-metrics.js';
import { problemErrorHandler, notFoundRoute } from './error-handler.js';
import { healthRoutes, type ReadinessCheck } from './health.js';
import { requestContext } from './request-context.js';
import { requireJsonBodies } from './require-json.js';
import { securityHeaders } from './security-headers.js';

export interface HttpAppOptions {
  logger: Logger;
  /** Every check must be up for `/health/ready` to answer 200 (MongoDB, Kafka). */
  readiness: readonly ReadinessCheck[];
  /** Maximum JSON body, in bytes or a `bytes` string such as `'100kb'`. */
  bodyLimit?: number | string;
  /** Mounts the service's routes between the common middleware and the problem handlers. */
  routes?: (router: Router) => void;
  /** Where rate, errors and duration per route are counted (served apart, see metrics-server.ts). */
  metrics?: ServiceMetrics;
}

export function createHttpApp({ logger, readiness, bodyLimit = '100kb', routes, metrics }: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  if (metrics) app.use(measureRequests(metrics));
  app.use(securityHeaders());
  app.use(requestContext(logger));
  app.use(healthRoutes(readiness));
  app.use(requireJsonBodies());
  app.use(express.json({ limit: bodyLimit, strict: true, type: ['application/json', 'application/*+json'] }));
  if (routes) {
    const router = express.Router();
    routes(router);
    app.use(router);
  }
  app.use(notFoundRoute());
  app.use(problemErrorHandler());
  return app;
}
