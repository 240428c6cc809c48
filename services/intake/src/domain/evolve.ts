import type { CaseStatus, InfoRequest } from '@guichet/contracts';
import type { CaseEvent } from './case-events.js';
import { summarizeProposals, type CaseState } from './case-state.js';
import { isTerminal } from './lifecycle.js';

/** Received proposal sets the case keeps track of; older ones only matter for the export. */
export const PROPOSAL_SETS_KEPT = 10;

function enter(state: CaseState, status: CaseStatus, at: string): CaseState {
  const infoRequests = isTerminal(status)
    ? state.infoRequests.map((request): InfoRequest => (request.status === 'open' ? { ...request, status: 'cancelled' } : request))
    : state.infoRequests;
  return { ...state, status, infoRequests, history: [...state.history, { status, at }] };
}

function erased(state: CaseState, erasedAt: string): CaseState {
  const ended = isTerminal(state.status) ? state : enter(state, 'withdrawn', erasedAt);
  const { acceptance: _personal, ...rest } = ended;
  return { ...rest, candidateId: '', data: {}, comments: [], infoRequests: [], proposals: [], erasedAt };
}

function requireState(state: CaseState | undefined, event: CaseEvent): CaseState {
  if (state === undefined) throw new Error(`événement ${event.type} sans dossier existant`);
  return state;
}

/** Folds one event into the case; only `draft-created` starts from nothing. */
export function evolve(current: CaseState | undefined, event: CaseEvent): CaseState {
  if (event.type === 'draft-created') {
    const { requestId, candidateId, createdAt, draft } = event.data;
    return {
      id: requestId,
      candidateId,
      status: 'draft',
      version: 0,
      createdAt,
      updatedAt: createdAt,
      data: draft,
      history: [{ status: 'draft', at: createdAt }],
      infoRequests: [],
      comments: [],
      proposals: [],
    };
  }
  const state = requireState(current, event);
  switch (event.type) {
    case 'draft-updated':
      return { ...state, data: event.data.draft };
    case 'draft-withdrawn':
      return enter(state, 'withdrawn', event.data.withdrawnAt);
    case 'fr.sante.guichet.intake.request-submitted.v1':
      return { ...enter(state, 'submitted', event.data.submittedAt), submittedAt: event.data.submittedAt, territory: event.data.territory, data: event.data.request };
    case 'fr.sante.guichet.intake.request-updated.v1':
      return { ...state, territory: event.data.territory, data: event.data.request };
    case 'fr.sante.guichet.intake.request-status-changed.v1':
      return enter(state, event.data.to, event.data.changedAt);
    case 'referent-assigned':
      return { ...state, referent: event.data.referent };
    case 'comment-added':
      return { ...state, comments: [...state.comments, event.data.comment] };
    case 'information-requested':
      return { ...state, infoRequests: [...state.infoRequests, event.data.infoRequest] };
    case 'information-answered': {
      const { infoRequestId, answer, answeredAt } = event.data;
      const infoRequests = state.infoRequests.map((request): InfoRequest =>
        request.id === infoRequestId ? { ...request, status: 'answered', answer, answeredAt } : request,
      );
      return { ...state, infoRequests };
    }
    case 'fr.sante.guichet.intake.bundle-accepted.v1': {
      const { proposalSetId, bundleId, offerIds, acceptedAt } = event.data;
      return { ...enter(state, 'accepted', acceptedAt), acceptance: { proposalSetId, bundleId, offerIds, acceptedAt, outcome: 'pending' } };
    }
    case 'fr.sante.guichet.intake.proposals-declined.v1':
      return enter(state, 'under_review', event.data.declinedAt);
    case 'fr.sante.guichet.intake.request-withdrawn.v1':
      return enter(state, 'withdrawn', event.data.withdrawnAt);
    case 'proposals-received':
      return { ...state, proposals: [...state.proposals, summarizeProposals(event.data)].slice(-PROPOSAL_SETS_KEPT) };
    case 'reservation-confirmed':
      return state.acceptance ? { ...state, acceptance: { ...state.acceptance, outcome: 'confirmed', reservationId: event.data.reservationId } } : state;
    case 'reservation-rejected':
      return state.acceptance ? { ...state, acceptance: { ...state.acceptance, outcome: 'rejected' } } : state;
    case 'fr.sante.guichet.intake.request-erased.v1':
      return erased(state, event.data.erasedAt);
    default: {
      const unhandled: never = event;
      throw new Error(`événement inconnu : ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The case after a decision: every event folded in, one version further, touched at `now`. */
export function applyEvents(state: CaseState | undefined, events: readonly CaseEvent[], now: string): CaseState | undefined {
  if (events.length === 0) return state;
  const next = events.reduce<CaseState | undefined>(evolve, state);
  return next === undefined ? undefined : { ...next, version: (state?.version ?? 0) + 1, updatedAt: now };
}
