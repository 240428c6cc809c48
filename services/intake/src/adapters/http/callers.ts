import type { Principal } from '@guichet/platform';
import { UnauthorizedProblem } from '@guichet/platform';
import type { Request } from 'express';
import type { Caller } from '../../application/index.js';
import { organisationOf } from '../../domain/index.js';

function principalOf(req: Request): Principal {
  if (req.principal === undefined) throw new UnauthorizedProblem();
  return req.principal;
}

export function candidateOf(req: Request): Caller & { as: 'candidate' } {
  return { as: 'candidate', id: principalOf(req).subject };
}

/** A caseworker as the routes see them; `requireRole` has already checked that they are one. */
export function caseworkerOf(req: Request): Caller & { as: 'caseworker' } {
  const principal = principalOf(req);
  const kind = principal.roles.includes('caseworker-ars') ? 'caseworker-ars' : 'caseworker-cpam';
  const organisation = organisationOf(kind, principal.territory);
  return {
    as: 'caseworker',
    id: principal.subject,
    kind,
    name: principal.username,
    ...(principal.displayName === undefined ? {} : { displayName: principal.displayName }),
    claims: principal.territory,
    ...(organisation === undefined ? {} : { organisation }),
  };
}

/** Audit trails are open to the territory's caseworkers and to national administrators. */
export function auditorOf(req: Request): Caller {
  const principal = principalOf(req);
  if (principal.roles.includes('caseworker-ars') || principal.roles.includes('caseworker-cpam')) return caseworkerOf(req);
  return { as: 'admin', id: principal.subject };
}
