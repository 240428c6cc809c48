import { asyncHandler } from '@guichet/platform';
import type { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { simulateEligibility } from '../../application/simulate-eligibility.js';
import type { HttpDeps } from './http-deps.js';
import { TooManyRequestsProblem, unwrap } from './problems.js';

const WINDOW_MS = 60_000;

/** Public « what if I settle here »: no account, no personal data, a bucket of requests per client IP and minute. */
export function simulationRoutes(router: Router, deps: HttpDeps): void {
  const limiter = rateLimit({
    windowMs: WINDOW_MS,
    limit: deps.simulationsPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // The limiter has set Retry-After already; the problem repeats it in words.
    handler: (_req, res, next) => next(new TooManyRequestsProblem(Math.max(1, Number(res.getHeader('Retry-After')) || WINDOW_MS / 1000))),
  });
  router.post(
    '/v1/simulations',
    limiter,
    asyncHandler(async (req, res) => {
      res.json(unwrap(simulateEligibility(deps, req.body)));
    }),
  );
}
