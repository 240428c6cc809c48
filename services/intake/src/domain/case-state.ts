import type { Actor, CaseStatus, Comment, InfoRequest, InstallationRequestDraft, ProposalSet, Referent, Territory } from '@guichet/contracts';
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
  /** Received proposal sets, oldest first; the last one is the one the candidate acts on. */
  proposals: ProposalSet[];
  acceptance?: Acceptance;
  erasedAt?: string;
}

export type ActorKind = Actor['kind'];

export const EMPTY_TERRITORY: Territory = { regions: [], departements: [] };

export const currentProposals = (state: CaseState): ProposalSet | undefined => state.proposals[state.proposals.length - 1];

export const openInfoRequest = (state: CaseState): InfoRequest | undefined => state.infoRequests.find((request) => request.status === 'open');
