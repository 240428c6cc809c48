import { describe, expect, it } from '@jest/globals';
import type { CaseStatus, CaseSummary, StatusDuration, Zone } from '@guichet/contracts';
import { computeStatistics } from './statistics.js';

function summary(id: string, status: CaseStatus, bestZone?: Zone): CaseSummary {
  return {
    id,
    status,
    territory: { regions: ['24'], departements: ['37'] },
    statusSince: '2026-10-01T00:00:00Z',
    ageDays: 10,
    overdue: false,
    ...(bestZone ? { bestZone } : {}),
  };
}
const spent = (entries: [CaseStatus, number][]): StatusDuration[] =>
  entries.map(([status, days]) => ({ status, days, countsAgainstDesk: status !== 'awaiting_candidate' }));

describe('ARS statistics', () => {
  const summaries = [
    summary('a', 'submitted', 'zip'),
    summary('b', 'proposals_ready', 'zip'),
    summary('c', 'installed', 'zac'),
    summary('d', 'accepted'),
    summary('e', 'draft', 'zip'),
  ];
  const durations = new Map([
    [
      'b',
      spent([
        ['submitted', 2],
        ['under_review', 8],
        ['proposals_ready', 3],
      ]),
    ],
    [
      'c',
      spent([
        ['submitted', 1],
        ['under_review', 5],
        ['awaiting_candidate', 4],
        ['proposals_ready', 2],
        ['accepted', 6],
        ['in_progress', 30],
        ['installed', 40],
      ]),
    ],
    [
      'd',
      spent([
        ['submitted', 3],
        ['under_review', 3],
        ['proposals_ready', 1],
        ['accepted', 2],
      ]),
    ],
  ]);
  const stats = computeStatistics(summaries, durations);

  it('counts filed cases by status and by zone, drafts left out', () => {
    expect(stats.total).toBe(4);
    expect(stats.byStatus.find((entry) => entry.key === 'submitted')?.count).toBe(1);
    expect(stats.byStatus.find((entry) => entry.key === 'installed')?.count).toBe(1);
    expect(stats.byZone).toEqual([
      { key: 'zip', count: 2 },
      { key: 'zac', count: 1 },
      { key: 'none', count: 0 },
      { key: 'unknown', count: 1 },
    ]);
  });

  it('measures the days from submission to proposals (median and mean)', () => {
    expect(stats.toProposals).toEqual({ cases: 3, medianDays: 10, meanDays: (10 + 10 + 6) / 3 });
  });

  it('measures the days from submission to installation', () => {
    expect(stats.toInstallation).toEqual({ cases: 1, medianDays: 48, meanDays: 48 });
  });

  it('has no delay to show before any case got there', () => {
    expect(computeStatistics([summary('a', 'submitted')], new Map()).toProposals).toBeNull();
  });
});
