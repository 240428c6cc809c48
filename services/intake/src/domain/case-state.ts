import type { Actor, CaseStatus, Comment, InfoRequest, InstallationRequestDraft, ProposalDigest, Referent, Territory, Zone } from '@guichet/contracts';
import type { StatusEntry } from './deadlines.js';

/** The bundle the candidate accepted and what matching answered about its reservation. */
export interface Acceptance {
  proposalSetId: string;
  bundleId: string;
  offerIds: string[];
  acceptedAt: string;
  outcome: 'pending' | 'confirmed' | 'rejected';
  reservationId?: string;
}

/** A proposed bundle as the case's decisions see it: what accepting it reserves, and the zone the queue sorts by. */
export interface BundleSummary {
  id: string;
  zone?: Zone;
  /** Premises, housing and job offers, in that order, those the bundle has. */
  offerIds: string[];
}

/**
 * What the case keeps of a received proposal set. The set itself (scores, the aids each bundle opens:
 * a few kilobytes) is stored beside the case and read only by the views that show it.
 */
export interface ProposalSummary {
  proposalSetId: string;
  computedAt: string;
  bundles: BundleSummary[];
}

export function summarizeProposals(set: ProposalDigest): ProposalSummary {
  return {
    proposalSetId: set.proposalSetId,
    computedAt: set.computedAt,
    bundles: set.bundles.map((bundle) => ({
      id: bundle.id,
      ...(bundle.zone === undefined ? {} : { zone: bundle.zone }),
      offerIds: [bundle.premisesOfferId, bundle.housingOfferId, bundle.jobOfferId].filter((id): id is string => id !== undefined),
    })),
  };
}

/** The case aggregate: one installation request and everything the desk did with it. */
export interface CaseState {
  id: string;
  /** Keycloak `sub` of the candidate; empty once the case is erased. */
  candidateId: string;
  status: CaseStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  data: InstallationRequestDraft;
  /** Set at submission: the served regions, départements and communes among the targets. */
  territory?: Territory;
  referent?: Referent;
  /** Every status the case entered and when: deadlines and time spent are computed from it. */
  history: StatusEntry[];
  infoRequests: InfoRequest[];
  comments: Comment[];
  /** Received proposal sets, oldest first, as far as decisions and the queue need them; the last one is the one the candidate acts on. */
  proposals: ProposalSummary[];
  acceptance?: Acceptance;
  erasedAt?: string;
}

export type ActorKind = Actor['kind'];

export const EMPTY_TERRITORY: Territory = { regions: [], departements: [] };

export const currentProposals = (state: CaseState): ProposalSummary | undefined => state.proposals[state.proposals.length - 1];

export const openInfoRequest = (state: CaseState): InfoRequest | undefined => state.infoRequests.find((request) => request.status === 'open');
