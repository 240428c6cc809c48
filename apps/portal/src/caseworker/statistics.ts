import type { CaseStatus, CaseSummary, StatusDuration, Zone } from '@guichet/contracts';

export interface Count<K extends string> {
  key: K;
  count: number;
}

export interface DelayStats {
  cases: number;
  medianDays: number;
  meanDays: number;
}

export interface CaseStatistics {
  total: number;
  byStatus: Count<CaseStatus>[];
  byZone: Count<Zone | 'unknown'>[];
  toProposals: DelayStats | null;
  toInstallation: DelayStats | null;
}

const statusOrder: CaseStatus[] = [
  'submitted',
  'under_review',
  'awaiting_candidate',
  'proposals_ready',
  'accepted',
  'in_progress',
  'installed',
  'closed',
  'withdrawn',
];
const zoneOrder: (Zone | 'unknown')[] = ['zip', 'zac', 'none', 'unknown'];
const beforeProposals = new Set<CaseStatus>(['submitted', 'under_review', 'awaiting_candidate']);
const afterProposals = new Set<CaseStatus>(['proposals_ready', 'accepted', 'in_progress', 'installed']);
const notCounted = new Set<CaseStatus>(['draft', 'installed', 'closed', 'withdrawn']);

function delayStats(values: number[]): DelayStats | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { cases: values.length, medianDays: median, meanDays: values.reduce((sum, value) => sum + value, 0) / values.length };
}

export function reachedProposals(summary: CaseSummary, durations: readonly StatusDuration[] | undefined): boolean {
  return afterProposals.has(summary.status) || (durations ?? []).some((duration) => afterProposals.has(duration.status));
}

export function reachedInstallation(summary: CaseSummary, durations: readonly StatusDuration[] | undefined): boolean {
  return summary.status === 'installed' || (durations ?? []).some((duration) => duration.status === 'installed');
}

/**
 * Cases by status and by zone, and the elapsed days from submission to the first proposals
 * (time spent submitted, under review or waiting for the candidate) and to installation (every
 * status from submission until installed). Drafts are not cases yet and are left out.
 */
export function computeStatistics(summaries: readonly CaseSummary[], durations: ReadonlyMap<string, readonly StatusDuration[]>): CaseStatistics {
  const filed = summaries.filter((summary) => summary.status !== 'draft');
  const byStatus = statusOrder.map((key) => ({ key, count: filed.filter((summary) => summary.status === key).length }));
  const byZone = zoneOrder.map((key) => ({ key, count: filed.filter((summary) => (summary.bestZone ?? 'unknown') === key).length }));
  const toProposals: number[] = [];
  const toInstallation: number[] = [];
  for (const summary of filed) {
    const spent = durations.get(summary.id);
    if (!spent) continue;
    if (reachedProposals(summary, spent)) {
      toProposals.push(spent.filter((duration) => beforeProposals.has(duration.status)).reduce((sum, duration) => sum + duration.days, 0));
    }
    if (reachedInstallation(summary, spent)) {
      toInstallation.push(spent.filter((duration) => !notCounted.has(duration.status)).reduce((sum, duration) => sum + duration.days, 0));
    }
  }
  return { total: filed.length, byStatus, byZone, toProposals: delayStats(toProposals), toInstallation: delayStats(toInstallation) };
}
