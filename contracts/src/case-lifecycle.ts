import type { CaseStatus } from './generated/types.js';

/** Who asks for a change: the case's candidate, a caseworker, or the desk itself (an event). */
export type LifecycleActor = 'candidate' | 'caseworker' | 'system';

export interface CaseTransition {
  from: readonly CaseStatus[];
  to: CaseStatus;
  by: readonly LifecycleActor[];
  /** A person who decides must say why; the system never gives a free-text reason. */
  reason: 'required' | 'optional' | 'none';
}

const OPEN: readonly CaseStatus[] = ['submitted', 'under_review', 'awaiting_candidate', 'proposals_ready', 'accepted', 'in_progress'];

/**
 * The case lifecycle, as data, shared by the intake service that enforces it and the screens that
 * offer only what it allows: draft → submitted → under_review → (awaiting_candidate ↔
 * under_review) → proposals_ready → accepted → in_progress → installed, plus closed and withdrawn.
 */
export const CASE_TRANSITIONS: readonly CaseTransition[] = [
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

/** The statuses a caseworker may move a case to from its current one. */
export function caseworkerTargets(from: CaseStatus): CaseStatus[] {
  return CASE_TRANSITIONS.filter((t) => t.from.includes(from) && t.by.includes('caseworker')).map((t) => t.to);
}
