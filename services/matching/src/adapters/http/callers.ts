import { UnauthorizedProblem } from '@guichet/platform';
import type { Request } from 'express';
import type { Caller } from '../../application/caller.js';

/** The caller of an authenticated route, as the use cases see it. */
export function callerOf(req: Request): Caller {
  const principal = req.principal;
  if (!principal) throw new UnauthorizedProblem(undefined, { tokenPresented: false });
  return {
    id: principal.subject,
    name: principal.username,
    roles: principal.roles,
    regions: principal.territory.regions,
    departements: principal.territory.departements,
    ...(principal.organisation === undefined ? {} : { organisation: principal.organisation }),
  };
}
