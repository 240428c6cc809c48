import { describe, expect, it } from '@jest/globals';
import type { CaseStatus, OfferKind, PracticeMode, Territory } from '@guichet/contracts';
import type { CaseState } from './case-state.js';
import { openDataCsv, openDataOf, suppressGroup } from './open-data.js';
import { computeStatistics, median, type CaseFacts } from './statistics.js';

const DAY = 86_400_000;
const day = (start: string, plus: number): string => new Date(Date.parse(start) + plus * DAY).toISOString();
const territory: Territory = { regions: ['24'], departements: [] };
const period = { from: '2026-01-01', to: '2026-12-31' };
const now = '2027-01-01T00:00:00.000Z';

function seeded(id: number, mode: PracticeMode, submittedAt: string | undefined, steps: [CaseStatus, number][], filledOffers: OfferKind[] = []): CaseFacts {
  const history = [
    { status: 'draft' as CaseStatus, at: day(submittedAt ?? now, -3) },
    ...(submittedAt === undefined ? [] : steps.map(([status, plus]) => ({ status, at: day(submittedAt, plus) }))),
  ];
  const status = history[history.length - 1]!.status;
  const proposalSetId = `set-${id}`;
  const state: CaseState = {
    id: `case-${id}`,
    candidateId: `candidate-${id}`,
    status,
    version: history.length,
    createdAt: history[0]!.at,
    updatedAt: history[history.length - 1]!.at,
    ...(submittedAt === undefined ? {} : { submittedAt }),
    data: { practice: { mode } },
    territory,
    history,
    infoRequests: [],
    comments: [],
    proposals: steps.some(([s]) => s === 'proposals_ready')
      ? [{ proposalSetId, computedAt: history[1]!.at, bundles: [{ id: `bundle-${id}`, zone: 'zip', offerIds: ['offer'] }] }]
      : [],
    ...(steps.some(([s]) => s === 'accepted')
      ? { acceptance: { proposalSetId, bundleId: `bundle-${id}`, offerIds: ['offer'], acceptedAt: history[2]!.at, outcome: 'confirmed' as const } }
      : {}),
  };
  return { state, filledOffers };
}

// Twelve installations in a MSP, submitted one a month: proposals 4 days after submission, accepted
// 2 days later (the candidate's time), in progress 2 days later, installed 30, 32, … 52 days after
// submission; premises filled for each, housing for five. Three cases in review since 21 December,
// 3 of their 11 days waiting on the candidate. One case submitted in 2025 and a draft are left out.
const installed = Array.from({ length: 12 }, (_, index) =>
  seeded(
    index,
    'msp',
    `2026-${String(index + 1).padStart(2, '0')}-10T09:00:00.000Z`,
    [
      ['submitted', 0],
      ['proposals_ready', 4],
      ['accepted', 6],
      ['in_progress', 8],
      ['installed', 30 + 2 * index],
    ],
    index < 5 ? ['premises', 'housing'] : ['premises'],
  ),
);
const inReview = Array.from({ length: 3 }, (_, index) =>
  seeded(20 + index, 'alone', '2026-12-21T00:00:00.000Z', [
    ['submitted', 0],
    ['under_review', 1],
    ['awaiting_candidate', 4],
    ['under_review', 7],
  ]),
);
const outside = [seeded(30, 'msp', '2025-12-31T09:00:00.000Z', [['submitted', 0]]), seeded(31, 'msp', undefined, [])];
const statistics = computeStatistics([...installed, ...inReview, ...outside], period, territory, now);

describe('statistics of a territory over a period', () => {
  it('counts the requests received in the period by status and by project', () => {
    expect(statistics.received).toBe(15);
    expect(statistics.byStatus).toEqual([
      { status: 'installed', count: 12 },
      { status: 'under_review', count: 3 },
    ]);
    expect(statistics.byProject).toEqual([
      { project: 'msp', count: 12 },
      { project: 'alone', count: 3 },
    ]);
  });

  it('gives the median days to the first proposals and to the installation', () => {
    expect(statistics.firstProposal).toEqual({ medianDays: 4, cases: 12 });
    // 30, 32, … 52: the middle two are 40 and 42.
    expect(statistics.installation).toEqual({ medianDays: 41, cases: 12 });
  });

  it('counts the desk’s waiting without the time the case waited on the candidate', () => {
    // Installed: 4 + 2 + (22 … 44) days at the desk, the 2 days of choice excluded; in review: 11 days less 3 = 8.
    // Sorted: 8, 8, 8, 28, 30, 32, 34, 36, …: the 8th of 15 is 36.
    expect(statistics.deskWaiting).toEqual({ medianDays: 36, cases: 15 });
  });

  it('counts installations by the zone of the accepted bundle and the offers filled by kind', () => {
    expect(statistics.installationsByZone).toEqual([{ zone: 'zip', count: 12 }]);
    expect(statistics.offersFilled).toEqual([
      { kind: 'premises', count: 12 },
      { kind: 'housing', count: 5 },
    ]);
  });

  it('takes the median of an even count as the mean of the middle two, and none of nothing', () => {
    expect(median([3, 1, 4, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('open data: no cell under 11 people', () => {
  it('hides a cell under 11 and, when the total would give it away, the smallest other one', () => {
    expect(suppressGroup([12, 3])).toEqual({ cells: ['secondary', 'primary'], total: null });
    // Two hidden cells adding up to 3 people are still told by the total: a third one goes.
    expect(suppressGroup([1, 2, 30, 40])).toEqual({ cells: ['primary', 'primary', 'secondary', null], total: null });
    expect(suppressGroup([20, 15])).toEqual({ cells: [null, null], total: null });
    expect(suppressGroup([5, 4])).toEqual({ cells: ['primary', 'primary'], total: 'primary' });
  });

  it('publishes the seeded figures with their hidden cells said so', () => {
    const table = openDataOf(statistics);
    const row = (indicator: string, category: string) => table.rows.find((r) => r.indicator === indicator && r.category === category);
    expect(row('demandes-recues', 'total')).toMatchObject({ value: 15, people: 15, suppressed: null });
    expect(row('demandes-par-statut', 'under_review')).toEqual({
      indicator: 'demandes-par-statut',
      category: 'under_review',
      label: "Demandes par statut : En cours d'instruction",
      value: null,
      suppressed: 'primary',
    });
    expect(row('demandes-par-statut', 'installed')).toMatchObject({ value: null, suppressed: 'secondary' });
    expect(row('installations-par-zone', 'zip')).toMatchObject({ value: 12, suppressed: null });
    expect(row('offres-pourvues', 'housing')).toMatchObject({ value: null, suppressed: 'primary' });
    expect(row('offres-pourvues', 'premises')).toMatchObject({ value: null, suppressed: 'secondary' });
    expect(row('delai-installation', 'mediane-jours')).toMatchObject({ value: 41, people: 12, suppressed: null });
    for (const published of table.rows.filter((r) => r.suppressed === null)) expect(published.people).toBeGreaterThanOrEqual(11);
  });

  it('hides every figure of a territory with fewer than 11 requests', () => {
    const table = openDataOf(computeStatistics(inReview, period, territory, now));
    expect(table.rows.filter((r) => r.value !== null)).toEqual([]);
  });

  it('writes the CSV a spreadsheet opens, a hidden cell empty with its reason', () => {
    const csv = openDataCsv(openDataOf(statistics));
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('indicateur;modalite;libelle;valeur;personnes;masquage');
    expect(lines).toContain('demandes-recues;total;Demandes reçues;15;15;');
    expect(lines).toContain('offres-pourvues;housing;Offres pourvues : Logement de stage;;;secret statistique : moins de 11 personnes');
  });
});
