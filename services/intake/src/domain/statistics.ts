import type { CaseStatistics, CaseStatus, MedianDuration, OfferKind, PracticeMode, Territory, Zone } from '@guichet/contracts';
import type { CaseState } from './case-state.js';
import { timeSpent } from './deadlines.js';

const DAY_MS = 86_400_000;

export interface StatisticsPeriod {
  /** First day counted (YYYY-MM-DD). */
  from: string;
  /** Last day counted, included. */
  to: string;
}

/** What a statistics run reads of one case: the case, and the offers of its accepted bundle by kind once their reservation is confirmed. */
export interface CaseFacts {
  state: CaseState;
  filledOffers: readonly OfferKind[];
}

/** Whether a case was submitted within the period, days included whole. */
export function submittedWithin(state: CaseState, period: StatisticsPeriod): boolean {
  const day = state.submittedAt?.slice(0, 10);
  return day !== undefined && day >= period.from && day <= period.to;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const days = (ms: number): number => Math.round((ms / DAY_MS) * 10) / 10;

function medianDuration(durationsMs: readonly number[]): MedianDuration {
  const value = median(durationsMs);
  return { medianDays: value === null ? null : days(value), cases: durationsMs.length };
}

/** The first time the case entered a status, after its submission. */
function enteredAt(state: CaseState, status: CaseStatus): string | undefined {
  return state.history.find((entry) => entry.status === status)?.at;
}

function elapsedTo(state: CaseState, status: CaseStatus): number | undefined {
  const at = enteredAt(state, status);
  if (state.submittedAt === undefined || at === undefined) return undefined;
  return Math.max(0, Date.parse(at) - Date.parse(state.submittedAt));
}

/** The zone of the bundle the candidate accepted, as matching gave it. */
export function acceptedZone(state: CaseState): Zone | undefined {
  const acceptance = state.acceptance;
  if (acceptance === undefined) return undefined;
  const set = state.proposals.find((candidate) => candidate.proposalSetId === acceptance.proposalSetId);
  return set?.bundles.find((bundle) => bundle.id === acceptance.bundleId)?.zone;
}

function countBy<K extends string>(keys: readonly K[]): { key: K; count: number }[] {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/**
 * The desk's outcomes over the cases submitted in a period (the caller passes its territory's):
 * durations run from submission; the desk's waiting excludes the time the case waited on the
 * candidate, exactly as the deadlines count it (timeSpent), up to `now` for open cases.
 */
export function computeStatistics(facts: readonly CaseFacts[], period: StatisticsPeriod, territory: Territory, now: string): CaseStatistics {
  const cases = facts.filter((fact) => submittedWithin(fact.state, period) && fact.state.erasedAt === undefined);
  const states = cases.map((fact) => fact.state);
  const installed = states.filter((state) => enteredAt(state, 'installed') !== undefined);
  const modes = states.flatMap((state) => (state.data.practice?.mode === undefined ? [] : [state.data.practice.mode]));
  const present = <T>(values: readonly (T | undefined)[]): T[] => values.filter((value): value is T => value !== undefined);
  return {
    period: { from: period.from, to: period.to },
    territory,
    generatedAt: now,
    received: states.length,
    byStatus: countBy(states.map((state) => state.status)).map(({ key, count }) => ({ status: key, count })),
    byProject: countBy<PracticeMode>(modes).map(({ key, count }) => ({ project: key, count })),
    firstProposal: medianDuration(present(states.map((state) => elapsedTo(state, 'proposals_ready')))),
    installation: medianDuration(present(installed.map((state) => elapsedTo(state, 'installed')))),
    deskWaiting: medianDuration(states.map((state) => timeSpent(state.history, now).deskMs)),
    installationsByZone: countBy(present(installed.map(acceptedZone))).map(({ key, count }) => ({ zone: key, count })),
    offersFilled: countBy(cases.flatMap((fact) => fact.filledOffers)).map(({ key, count }) => ({ kind: key, count })),
  };
}
