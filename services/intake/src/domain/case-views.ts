import type { CaseDetail, CasePlacement, CaseSummary, InstallationRequest, StatusDuration, Zone } from '@guichet/contracts';
import { currentProposals, openInfoRequest, type CaseState } from './case-state.js';
import { countsAgainstDesk, endOfDay, nextStep, publicNextStep, timeSpent, type StatusTargets } from './deadlines.js';

const DAY_MS = 86_400_000;
const ZONE_RANK: Readonly<Record<Zone, number>> = { zip: 2, zac: 1, none: 0 };

function currentEntry(state: CaseState): { status: CaseState['status']; at: string } {
  return state.history[state.history.length - 1] ?? { status: state.status, at: state.updatedAt };
}

/** An open information request brings its own deadline. */
function ownDeadline(state: CaseState): string | undefined {
  const open = openInfoRequest(state);
  return state.status === 'awaiting_candidate' && open ? endOfDay(open.dueDate) : undefined;
}

/** When the current step is due (stored on the case so the queue can filter and sort by it). */
export function dueAt(state: CaseState, targets: StatusTargets): string | undefined {
  const entry = currentEntry(state);
  return nextStep(entry, entry.at, targets, ownDeadline(state)).dueAt ?? undefined;
}

/** The most favourable zone among the proposed bundles: where aids are likeliest. */
export function bestZone(state: CaseState): Zone | undefined {
  const zones = (currentProposals(state)?.bundles ?? []).flatMap((bundle) => (bundle.zone === undefined ? [] : [bundle.zone]));
  return zones.sort((a, b) => ZONE_RANK[b] - ZONE_RANK[a])[0];
}

export function requestView(state: CaseState, now: string, targets: StatusTargets): InstallationRequest {
  const step = publicNextStep(currentEntry(state), now, targets, ownDeadline(state));
  return {
    id: state.id,
    candidateId: state.candidateId,
    status: state.status,
    version: state.version,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    data: state.data,
    ...(state.submittedAt === undefined ? {} : { submittedAt: state.submittedAt }),
    ...(state.referent === undefined ? {} : { referent: state.referent }),
    ...(state.territory === undefined ? {} : { territory: state.territory }),
    ...(step === undefined ? {} : { nextStep: step }),
  };
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Days per status computed from the history; waiting on the candidate does not count against the desk. */
export function timeInStatus(state: CaseState, now: string, targets: StatusTargets): StatusDuration[] {
  const { perStatus } = timeSpent(state.history, now);
  return Object.entries(perStatus).map(([status, ms]): StatusDuration => {
    const typed = status as CaseState['status'];
    const target = targets[typed];
    return { status: typed, days: round2((ms ?? 0) / DAY_MS), countsAgainstDesk: countsAgainstDesk(typed), ...(target === undefined ? {} : { targetDays: target }) };
  });
}

export function caseDetail(state: CaseState, now: string, targets: StatusTargets): CaseDetail {
  return {
    request: requestView(state, now, targets),
    timeInStatus: timeInStatus(state, now, targets),
    infoRequests: state.infoRequests,
    commentCount: state.comments.length,
  };
}

/** A docteur junior's 4th-year placement as the request states it: the queue of these placements shows where and when. */
export function placementOf(state: CaseState): CasePlacement | undefined {
  const { status, internship } = state.data;
  if (status !== 'junior-doctor' || internship?.communeCode === undefined) return undefined;
  return {
    communeCode: internship.communeCode,
    ...(internship.startDate === undefined ? {} : { startDate: internship.startDate }),
    ...(internship.endDate === undefined ? {} : { endDate: internship.endDate }),
  };
}

export function caseSummary(state: CaseState, now: string, targets: StatusTargets): CaseSummary {
  const entry = currentEntry(state);
  const due = dueAt(state, targets);
  const { identity } = state.data;
  const name = [identity?.firstName, identity?.lastName].filter((part) => part !== undefined).join(' ');
  const zone = bestZone(state);
  const placement = placementOf(state);
  return {
    id: state.id,
    status: state.status,
    territory: state.territory ?? { regions: [], departements: [] },
    statusSince: entry.at,
    ageDays: state.submittedAt === undefined ? 0 : Math.max(0, Math.floor((Date.parse(now) - Date.parse(state.submittedAt)) / DAY_MS)),
    overdue: due !== undefined && Date.parse(now) > Date.parse(due),
    ...(state.data.status === undefined ? {} : { candidateStatus: state.data.status }),
    ...(state.data.specialty === undefined ? {} : { specialty: state.data.specialty }),
    ...(name === '' ? {} : { candidateName: name }),
    ...(zone === undefined ? {} : { bestZone: zone }),
    ...(placement === undefined ? {} : { placement }),
    ...(state.referent === undefined ? {} : { referent: state.referent }),
    ...(state.submittedAt === undefined ? {} : { submittedAt: state.submittedAt }),
    ...(due === undefined ? {} : { dueDate: due.slice(0, 10) }),
  };
}
