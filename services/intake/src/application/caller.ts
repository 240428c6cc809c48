import type { Actor } from '@guichet/contracts';
import { candidateAccess, caseworkerAccess, type CaseState, type ScopeClaims } from '../domain/index.js';
import { fail, NOT_FOUND, ok, OUT_OF_TERRITORY, type Result } from './result.js';

/** Who calls a use case, as established by the edge (token, or the event consumer). */
export type Caller =
  | { as: 'candidate'; id: string }
  | {
      as: 'caseworker';
      id: string;
      kind: 'caseworker-ars' | 'caseworker-cpam';
      name: string;
      /** The token's `name` claim: how the audit trail names the agent. */
      displayName?: string;
      claims: ScopeClaims;
      organisation?: string;
    }
  | { as: 'admin'; id: string }
  | { as: 'system'; id: string };

export function actorOf(caller: Caller): Actor & { id: string } {
  switch (caller.as) {
    case 'candidate':
      return { kind: 'candidate', id: caller.id };
    case 'caseworker':
      return { kind: caller.kind, id: caller.id };
    case 'admin':
      return { kind: 'admin', id: caller.id };
    case 'system':
      return { kind: 'system', id: caller.id };
  }
}

/** The case as this caller may see it: their own for a candidate, their territory's for a caseworker. */
export function reachable(state: CaseState | undefined, caller: Caller): Result<CaseState> {
  if (state === undefined) return fail(NOT_FOUND);
  // The event consumer acts for the desk itself; an administrator audits nationally.
  if (caller.as === 'system' || caller.as === 'admin') return ok(state);
  const access = caller.as === 'candidate' ? candidateAccess(state, caller.id) : caseworkerAccess(state, caller.claims);
  if (access.ok) return ok(state);
  return fail(access.reason === 'out-of-territory' ? OUT_OF_TERRITORY : NOT_FOUND);
}
