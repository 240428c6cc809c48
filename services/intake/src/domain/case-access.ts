import type { Territory } from '@guichet/contracts';
import type { CaseState } from './case-state.js';

/** The territorial claims of a caller's token. */
export interface ScopeClaims {
  regions: readonly string[];
  departements: readonly string[];
}

/**
 * A caseworker's scope is the most precise level their token names: a CPAM agent of Indre-et-Loire
 * carries region 24 and département 37, and sees the cases of the 37 only.
 */
export type CaseworkerScope = { level: 'departement'; codes: readonly string[] } | { level: 'region'; codes: readonly string[] };

export function caseworkerScope(claims: ScopeClaims): CaseworkerScope | undefined {
  if (claims.departements.length > 0) return { level: 'departement', codes: claims.departements };
  if (claims.regions.length > 0) return { level: 'region', codes: claims.regions };
  return undefined;
}

export function scopeReaches(scope: CaseworkerScope | undefined, territory: Territory | undefined): boolean {
  if (scope === undefined || territory === undefined) return false;
  const places: readonly string[] = scope.level === 'departement' ? territory.departements : territory.regions;
  return places.some((code) => scope.codes.includes(code));
}

export type AccessDecision = { ok: true } | { ok: false; reason: 'not-found' | 'out-of-territory' };

/** A candidate reaches only their own cases; anybody else's is, for them, a case that does not exist. */
export function candidateAccess(state: CaseState, candidateId: string): AccessDecision {
  return state.erasedAt === undefined && state.candidateId === candidateId ? { ok: true } : { ok: false, reason: 'not-found' };
}

/** Drafts belong to the candidate alone; a submitted case is reached by the caseworkers of its territory. */
export function caseworkerAccess(state: CaseState, claims: ScopeClaims): AccessDecision {
  if (state.status === 'draft' || state.erasedAt !== undefined) return { ok: false, reason: 'not-found' };
  return scopeReaches(caseworkerScope(claims), state.territory) ? { ok: true } : { ok: false, reason: 'out-of-territory' };
}
