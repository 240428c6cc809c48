import type { TokenVerifier } from '@guichet/platform';
import type { MatchingDeps } from '../../application/matching/matching-deps.js';
import type { AidSchemeStore, IdempotencyStore, ZoningStore } from '../../application/ports.js';

export interface HttpDeps extends MatchingDeps {
  readonly verifier: TokenVerifier;
  readonly idempotency: IdempotencyStore;
  readonly aidSchemes: AidSchemeStore;
  readonly zoning: ZoningStore;
  /** Simulations allowed per client IP and minute. */
  readonly simulationsPerMinute: number;
}
