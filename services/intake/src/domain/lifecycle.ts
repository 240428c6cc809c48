import { CASE_TRANSITIONS, type CaseStatus, type CaseTransition, type LifecycleActor } from '@guichet/contracts';

export type ActorKind = LifecycleActor;
export type Transition = CaseTransition;

/** The lifecycle the screens offer too (contracts). */
export const TRANSITIONS: readonly Transition[] = CASE_TRANSITIONS;

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
