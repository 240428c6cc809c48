import type { Territory } from '@guichet/contracts';
import { regionOfDepartement, scopeOf, touches, type TerritoryClaims } from '@guichet/territory';
import type { CaseState } from './case-state.js';

/** The territorial claims of a caller's token. */
export type ScopeClaims = TerritoryClaims;

/** A caseworker reaches a case when one of its places is in their scope (the territory policy: the most precise claim wins). */
export function scopeReaches(claims: ScopeClaims, territory: Territory | undefined): boolean {
  return territory !== undefined && touches(scopeOf(claims), territory, regionOfDepartement);
}

export type AccessDecision = { ok: true } | { ok: false; reason: 'not-found' | 'out-of-territory' };

/** A candidate reaches only their own cases; anybody else's is, for them, a case that does not exist. */
export function candidateAccess(state: CaseState, candidateId: string): AccessDecision {
  return state.erasedAt === undefined && state.candidateId === candidateId ? { ok: true } : { ok: false, reason: 'not-found' };
}

/** Drafts belong to the candidate alone; a submitted case is reached by the caseworkers of its territory. */
export function caseworkerAccess(state: CaseState, claims: ScopeClaims): AccessDecision {
  if (state.status === 'draft' || state.erasedAt !== undefined) return { ok: false, reason: 'not-found' };
  return scopeReaches(claims, state.territory) ? { ok: true } : { ok: false, reason: 'out-of-territory' };
}
