import type { ProposalSet } from '@guichet/contracts';
import { proposalDigest } from '../../domain/index.js';
import type { CommuneDirectory, OfferIndex } from '../../read-model/index.js';
import { uuidFrom } from '../ids.js';
import { outbound } from '../outbound.js';
import type { OfferStore, RequestStore, Runtime, StoredRequest } from '../ports.js';
import type { EligibilityCache } from '../eligibility-cache.js';
import type { ReferenceData } from '../reference-data.js';
import type { MatchingContext } from './compute-proposals.js';

export interface MatchingDeps {
  readonly requests: RequestStore;
  readonly offers: OfferStore;
  readonly index: OfferIndex;
  readonly communes: CommuneDirectory;
  readonly reference: ReferenceData;
  readonly runtime: Runtime;
  readonly eligibility: EligibilityCache;
}

export const contextOf = (deps: MatchingDeps): MatchingContext => ({ offers: deps.index, communes: deps.communes, reference: deps.reference.snapshot(), eligibility: deps.eligibility });

/**
 * `proposals-computed` for a set, carrying its digest (the whole set stays here, served by the
 * API); its id follows from the set's, so a recomputation of the same trigger repeats the same event.
 */
export function proposalsEvent(set: ProposalSet) {
  return outbound('fr.sante.guichet.matching.proposals-computed.v1', proposalDigest(set), { id: uuidFrom('event', set.proposalSetId), time: set.computedAt });
}

/** Stores a set with its event; what is stored under its id is returned (after a crash, the first computation). */
export function storeProposals(deps: MatchingDeps, set: ProposalSet): Promise<ProposalSet> {
  return deps.requests.saveProposals(set, proposalsEvent(set));
}

export async function currentProposals(deps: MatchingDeps, stored: StoredRequest | null): Promise<ProposalSet | undefined> {
  return stored?.proposalSetId ? ((await deps.requests.proposals(stored.proposalSetId)) ?? undefined) : undefined;
}
