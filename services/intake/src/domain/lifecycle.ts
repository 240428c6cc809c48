import type { CaseStatus } from '@guichet/contracts';

/** Who asks for a change: the case's candidate, a caseworker, or the desk itself (an event). */
export type ActorKind = 'candidate' | 'caseworker' | 'system';

export interface Transition {
  from: readonly CaseStatus[];
  to: CaseStatus;
  by: readonly ActorKind[];
  /** A person who decides must say why; the system never gives a free-text reason. */
  reason: 'required' | 'optional' | 'none';
}

const OPEN: readonly CaseStatus[] = ['submitted', 'under_review', 'awaiting_candidate', 'proposals_ready', 'accepted', 'in_progress'];

/**
 * The case lifecycle, as data: draft → submitted → under_review → (awaiting_candidate ↔
 * under_review) → proposals_ready → accepted → in_progress → installed, plus closed and withdrawn.
 */
export const TRANSITIONS: readonly Transition[] = [
  { from: ['draft'], to: 'submitted', by: ['candidate'], reason: 'none' },
  { from: ['submitted', 'awaiting_candidate', 'proposals_ready'], to: 'under_review', by: ['caseworker'], reason: 'optional' },
  // The candidate answers a request for information, or declines every proposal (with a reason).
  { from: ['awaiting_candidate'], to: 'under_review', by: ['candidate'], reason: 'optional' },
  { from: ['proposals_ready'], to: 'under_review', by: ['candidate'], reason: 'required' },
  { from: ['under_review', 'submitted'], to: 'awaiting_candidate', by: ['caseworker'], reason: 'required' },
  // Proposals arrive from matching; fresh proposals also follow a rejected reservation.
  { from: ['submitted', 'under_review', 'awaiting_candidate', 'proposals_ready', 'accepted'], to: 'proposals_ready', by: ['system'], reason: 'none' },
  { from: ['proposals_ready'], to: 'accepted', by: ['candidate'], reason: 'none' },
  { from: ['accepted'], to: 'in_progress', by: ['system', 'caseworker'], reason: 'optional' },
  { from: ['in_progress'], to: 'installed', by: ['caseworker'], reason: 'required' },
  { from: OPEN, to: 'closed', by: ['caseworker'], reason: 'required' },
  { from: ['draft', ...OPEN], to: 'withdrawn', by: ['candidate'], reason: 'optional' },
];

export const STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  draft: 'brouillon',
  submitted: 'déposée',
  under_review: 'en cours d’examen',
  awaiting_candidate: 'en attente de votre réponse',
  proposals_ready: 'propositions disponibles',
  accepted: 'proposition acceptée',
  in_progress: 'installation en cours',
  installed: 'installé',
  closed: 'clôturée',
  withdrawn: 'retirée',
};

const ACTOR_LABELS: Readonly<Record<ActorKind, string>> = {
  candidate: 'le candidat',
  caseworker: 'un agent du guichet',
  system: 'le guichet',
};

export type TransitionRefusal =
  | { code: 'transition-not-allowed'; detail: string }
  | { code: 'actor-not-allowed'; detail: string }
  | { code: 'reason-required'; detail: string };

export type TransitionDecision = { ok: true; transition: Transition } | { ok: false; refusal: TransitionRefusal };

/** Pure check of one status change; the caller turns a refusal into a 409 (or 422 for a missing reason). */
export function checkTransition(from: CaseStatus, to: CaseStatus, actor: ActorKind, reason: string | undefined): TransitionDecision {
  const candidates = TRANSITIONS.filter((t) => t.to === to && t.from.includes(from));
  if (candidates.length === 0) {
    return {
      ok: false,
      refusal: {
        code: 'transition-not-allowed',
        detail: `Un dossier « ${STATUS_LABELS[from]} » ne peut pas passer à « ${STATUS_LABELS[to]} ».`,
      },
    };
  }
  const transition = candidates.find((t) => t.by.includes(actor));
  if (!transition) {
    const allowed = [...new Set(candidates.flatMap((t) => t.by))].map((kind) => ACTOR_LABELS[kind]).join(' ou ');
    return {
      ok: false,
      refusal: { code: 'actor-not-allowed', detail: `Seul ${allowed} peut faire passer ce dossier à « ${STATUS_LABELS[to]} ».` },
    };
  }
  if (transition.reason === 'required' && (reason === undefined || reason.trim() === '')) {
    return { ok: false, refusal: { code: 'reason-required', detail: `Un motif est obligatoire pour passer à « ${STATUS_LABELS[to]} ».` } };
  }
  return { ok: true, transition };
}

export function isTerminal(status: CaseStatus): boolean {
  return status === 'installed' || status === 'closed' || status === 'withdrawn';
}
