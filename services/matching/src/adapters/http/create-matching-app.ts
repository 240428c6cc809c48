import express, { type Express } from 'express';
import { createHttpApp, type Logger, type ReadinessCheck, type ServiceMetrics } from '@guichet/platform';
import { allocationRoutes } from './allocation-routes.js';
import { csvBodies } from './csv-body.js';
import type { HttpDeps } from './http-deps.js';
import { offerRoutes } from './offer-routes.js';
import { proposalRoutes } from './proposal-routes.js';
import { referenceRoutes } from './reference-routes.js';
import { simulationRoutes } from './simulation-routes.js';

export const CSV_IMPORT_PATHS = ['/v1/offers/import', '/v1/zoning/import'] as const;
/** A CSV of a whole region's zoning or a large offer import stays under this. */
const CSV_LIMIT = '5mb';

export interface MatchingAppOptions {
  readonly logger: Logger;
  readonly readiness: readonly ReadinessCheck[];
  readonly deps: HttpDeps;
  /** Where requests are counted per route. */
  readonly metrics?: ServiceMetrics;
}

/** The matching service's HTTP API on the platform app, with CSV imports read ahead of its JSON-only pipeline. */
export function createMatchingApp({ logger, readiness, deps, metrics }: MatchingAppOptions): Express {
  const app = createHttpApp({
    logger,
    readiness,
    ...(metrics ? { metrics } : {}),
    routes: (router) => {
      offerRoutes(router, deps);
      referenceRoutes(router, deps);
      simulationRoutes(router, deps);
      proposalRoutes(router, deps);
      allocationRoutes(router, deps);
    },
  });
  const outer = express();
  outer.disable('x-powered-by');
  outer.use(csvBodies(CSV_IMPORT_PATHS, CSV_LIMIT));
  outer.use(app);
  return outer;
}
