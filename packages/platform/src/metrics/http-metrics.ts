import type { NextFunction, Request, Response } from 'express';
import { routeTemplate } from '../http/route-template.js';
import type { ServiceMetrics } from './service-metrics.js';

/** What a request that reached no route is counted under: unknown paths, or refused before routing (body too large, malformed JSON). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Rate, errors and duration per route: one histogram labelled by method, route template (never the
 * raw path: no ids, no personal data) and status code. Rate is its `_count`, errors the 5xx of it.
 */
export function measureRequests(metrics: ServiceMetrics) {
  const duration = metrics.histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Durée des requêtes HTTP, par méthode, modèle de route et code de statut',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = duration.startTimer();
    res.once('finish', () => end({ method: req.method, route: routeTemplate(req) ?? UNMATCHED_ROUTE, status_code: String(res.statusCode) }));
    next();
  };
}
