import { authenticate, createHttpApp, requireRole, type Logger, type ReadinessCheck, type ServiceMetrics, type TokenVerifier } from '@guichet/platform';
import type { Express } from 'express';
import { candidateRoutes } from './candidate-routes.js';
import { caseworkerRoutes } from './caseworker-routes.js';
import type { IntakeHttpDeps } from './http-deps.js';

export interface IntakeAppOptions extends IntakeHttpDeps {
  logger: Logger;
  verifier: TokenVerifier;
  readiness: readonly ReadinessCheck[];
  /** Largest accepted JSON body; a complete request is a few kilobytes. */
  bodyLimit?: string;
  /** Where requests are counted per route. */
  metrics?: ServiceMetrics;
}

/**
 * The intake HTTP app: platform middleware (tracing, request ids, JSON only, problem+json),
 * then the candidate and caseworker routes, each behind token verification and role checks.
 */
export function createIntakeApp(options: IntakeAppOptions): Express {
  const { logger, verifier, readiness, bodyLimit = '64kb', metrics, ...deps } = options;
  const authenticated = authenticate(verifier);
  const guards = {
    candidate: [authenticated, requireRole('candidate')],
    caseworker: [authenticated, requireRole('caseworker-ars', 'caseworker-cpam')],
    auditor: [authenticated, requireRole('caseworker-ars', 'caseworker-cpam', 'admin')],
  };
  return createHttpApp({
    logger,
    readiness,
    bodyLimit,
    ...(metrics ? { metrics } : {}),
    routes: (router) => {
      candidateRoutes(router, deps, guards);
      caseworkerRoutes(router, deps, guards);
    },
  });
}
