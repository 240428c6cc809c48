import { authenticate, idempotent, requireRole } from '@guichet/platform';
import type { Router } from 'express';
import { allocateInternshipHousing } from '../../application/allocation/allocate-internship-housing.js';
import { callerOf } from './callers.js';
import type { HttpDeps } from './http-deps.js';
import { unwrap } from './problems.js';

/** Global allocation of a semester's internship beds, for the ARS caseworkers of the region. */
export function allocationRoutes(router: Router, deps: HttpDeps): void {
  router.post(
    '/v1/allocations/internship-housing',
    authenticate(deps.verifier),
    requireRole('caseworker-ars', 'admin'),
    idempotent(deps.idempotency, deps.runtime, async (req) => {
      const result = unwrap(await allocateInternshipHousing(deps, callerOf(req), req.body));
      return { status: 200, body: result };
    }),
  );
}
