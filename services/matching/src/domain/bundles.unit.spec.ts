import { describe, expect, it } from '@jest/globals';
import type { InseeCommuneCode } from '@guichet/contracts';
import { PLACES, housing, job, premises } from '../../test/offer-fixtures.js';
import type { BundleCandidates, BundleRequest, PlaceAids } from './bundle-types.js';
import { buildBundles } from './bundles.js';

const request = (overrides: Partial<BundleRequest> = {}): BundleRequest => ({
  requestId: 'r-1',
  candidateStatus: 'junior-doctor',
  practiceMode: 'msp',
  sector: '1',
  targets: [PLACES.loches],
  targetDepartements: [],
  radiusKm: 25,
  internship: { name: 'CH de Loches', location: PLACES.loches.location, startDate: '2026-11-02', endDate: '2027-05-01' },
  needs: {
    premises: { surfaceM2Min: 15, maxMonthlyRent: { amountCents: 80_000, currency: 'EUR' }, availableFrom: '2026-11-01' },
    housing: { from: '2026-11-02', until: '2027-05-01', maxMonthlyRent: { amountCents: 50_000, currency: 'EUR' }, people: 1 },
    spouseJob: { profession: 'sante-infirmier', employmentSector: 'any', workingTime: 'any', maxCommuteKm: 20 },
  },
  ...overrides,
});

const aids = (entries: [InseeCommuneCode, number][]): ReadonlyMap<InseeCommuneCode, PlaceAids> =>
  new Map(
    entries.map(([code, euros]) => [
      code,
      { zone: euros > 0 ? 'zip' : 'none', combination: { schemeIds: euros > 0 ? ['aide-primo-installation-zip'] : [], total: { amountCents: euros * 100, currency: 'EUR' }, excluded: [], message: '' } },
    ]),
  );

const candidates: BundleCandidates = {
  premises: [
    premises('p-loches', PLACES.loches),
    premises('p-beaulieu', PLACES.beaulieu, { monthlyRent: { amountCents: 40_000, currency: 'EUR' } }),
    premises('p-ligueil', PLACES.ligueil),
    premises('p-chinon', PLACES.chinon),
    premises('p-expensive', PLACES.loches, { monthlyRent: { amountCents: 120_000, currency: 'EUR' } }),
    premises('p-late', PLACES.loches, { availableFrom: '2027-03-01' }),
  ],
  housing: [
    housing('h-loches', PLACES.loches),
    housing('h-tours', PLACES.tours),
    housing('h-short', PLACES.loches, { availablePeriods: [{ from: '2026-10-01', until: '2027-02-28' }] }),
    housing('h-students', PLACES.beaulieu, { eligibleOccupants: ['student'] }),
  ],
  jobs: [job('j-loches', PLACES.loches), job('j-ligueil', PLACES.ligueil), job('j-teacher', PLACES.loches, { profession: 'education-enseignement' }), job('j-tours', PLACES.tours)],
};

describe('buildBundles', () => {
  const result = buildBundles(request(), candidates, aids([['37132', 10_000], ['37020', 0], ['37123', 5_000]]));

  it('proposes at most three bundles, ranked by score, each on distinct premises', () => {
    expect(result.bundles.map((b) => [b.rank, b.premisesOfferId])).toEqual([
      [1, 'p-loches'],
      [2, 'p-beaulieu'],
      [3, 'p-ligueil'],
    ]);
    const totals = result.bundles.map((b) => b.score.total);
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
  });

  it('honours the hard constraints: budget, availability date, distance, stay dates, occupants, profession, commute', () => {
    const offerIds = result.bundles.flatMap((b) => [b.premisesOfferId, b.housingOfferId, b.jobOfferId]);
    for (const excluded of ['p-expensive', 'p-late', 'p-chinon', 'h-short', 'h-students', 'h-tours', 'j-teacher', 'j-tours']) expect(offerIds).not.toContain(excluded);
    expect(result.rejections).toEqual([
      { offerKind: 'housing', code: 'housing-dates', count: 1, message: 'logement non disponible pendant toute la période' },
      { offerKind: 'housing', code: 'housing-occupants', count: 1, message: 'logement réservé à un autre public' },
      { offerKind: 'housing', code: 'housing-too-far', count: 1, message: 'logement trop loin du lieu de stage' },
      { offerKind: 'job', code: 'job-profession', count: 1, message: 'autre métier' },
      { offerKind: 'job', code: 'job-too-far', count: 1, message: 'emploi trop loin du lieu d’exercice' },
      { offerKind: 'premises', code: 'premises-budget', count: 1, message: 'loyer au-dessus du budget' },
      { offerKind: 'premises', code: 'premises-too-far', count: 1, message: 'local trop loin des communes souhaitées' },
      { offerKind: 'premises', code: 'premises-too-late', count: 1, message: 'local disponible trop tard' },
    ]);
  });

  it('keeps the spouse job within commuting distance of each bundle\'s practice', () => {
    for (const bundle of result.bundles) expect(bundle.distancesKm.jobToPractice).toBeLessThanOrEqual(20);
    expect(result.bundles.find((b) => b.premisesOfferId === 'p-ligueil')?.jobOfferId).toBe('j-ligueil');
  });

  it('explains the score term by term, with French labels, and the terms add up to the total', () => {
    const [first] = result.bundles;
    expect(first!.score.terms.map((t) => t.code)).toEqual(['premises-distance', 'premises-rent', 'housing-distance', 'housing-price', 'job-commute', 'aids']);
    for (const t of first!.score.terms) {
      expect(t.value).toBeGreaterThanOrEqual(0);
      expect(t.value).toBeLessThanOrEqual(1);
      expect(t.contribution).toBeCloseTo(t.weight * t.value, 1);
    }
    expect(first!.score.total).toBeCloseTo(first!.score.terms.reduce((s, t) => s + t.contribution, 0), 5);
    expect(first!.score.terms.find((t) => t.code === 'aids')?.label).toBe('Aides ouvertes par la commune : 10\u00a0000\u00a0€ estimés');
    expect(first!.explanation).toMatch(/^Proposition 1 \(score \d+,\d sur 100\) : local « Cabinet Loches »/);
  });

  it('carries the aids of the bundle\'s commune and its zone', () => {
    expect(result.bundles[0]).toMatchObject({ communeCode: '37132', zone: 'zip', aids: { schemeIds: ['aide-primo-installation-zip'] } });
  });

  it('gives the same output for the same input, whatever the order of the offers', () => {
    const reversed: BundleCandidates = { premises: [...candidates.premises].reverse(), housing: [...candidates.housing].reverse(), jobs: [...candidates.jobs].reverse() };
    expect(buildBundles(request(), reversed, aids([['37132', 10_000], ['37020', 0], ['37123', 5_000]]))).toEqual(result);
  });

  it('breaks exact ties on offer ids', () => {
    const twins: BundleCandidates = { premises: [premises('p-b', PLACES.loches), premises('p-a', PLACES.loches)], housing: [housing('h-1', PLACES.loches)], jobs: [job('j-1', PLACES.loches)] };
    expect(buildBundles(request(), twins, new Map()).bundles.map((b) => b.premisesOfferId)).toEqual(['p-a', 'p-b']);
  });

  it('lets the aids decide between otherwise equal places', () => {
    const twins: BundleCandidates = { premises: [premises('p-a', PLACES.loches), premises('p-b', PLACES.beaulieu, { communeCode: '37020' })], housing: [housing('h-1', PLACES.loches)], jobs: [job('j-1', PLACES.loches)] };
    const withAids = buildBundles(request({ targets: [PLACES.loches, PLACES.beaulieu] }), twins, aids([['37020', 15_000]]));
    expect(withAids.bundles[0]!.premisesOfferId).toBe('p-b');
  });

  it('answers with no bundle and the reason when a required component is missing', () => {
    const noPremises = buildBundles(request(), { ...candidates, premises: [candidates.premises[4]!] }, new Map());
    expect(noPremises.bundles).toEqual([]);
    expect(noPremises.noBundleReason).toBe('Aucun local ne respecte vos critères (type, surface, loyer, date de disponibilité, distance) pour le moment.');
    const noJob = buildBundles(request(), { ...candidates, jobs: [candidates.jobs[3]!] }, new Map());
    expect(noJob.noBundleReason).toContain('conjoint');
  });

  it('treats a premises of unknown location as out of radius unless its département is wished', () => {
    const lost = { premises: [premises('p-lost', PLACES.loches, {}, null)], housing: [housing('h-1', PLACES.loches)], jobs: [] };
    const req = request({ needs: { premises: request().needs.premises!, housing: request().needs.housing! } });
    expect(buildBundles(req, lost, new Map()).bundles).toEqual([]);
    const byDepartement = buildBundles({ ...req, targetDepartements: ['37'] }, lost, new Map());
    expect(byDepartement.bundles[0]?.score.terms[0]).toMatchObject({ code: 'premises-distance', value: 0.5, label: 'Local dans un département souhaité' });
  });

  it('for an intern who only needs housing, the bundles are housing alternatives near the internship site', () => {
    const intern = request({ candidateStatus: 'intern', needs: { housing: request().needs.housing! } });
    const onlyHousing = buildBundles(intern, candidates, new Map());
    expect(onlyHousing.bundles.map((b) => b.housingOfferId)).toEqual(['h-loches']);
    expect(onlyHousing.bundles[0]).toMatchObject({ communeCode: '37132' });
    expect(onlyHousing.bundles[0]!.premisesOfferId).toBeUndefined();
  });

  it('looks past its shortlist of premises when the spouse\'s job is only within reach of a lesser one', () => {
    const many = Array.from({ length: 25 }, (_, i) => premises(`p-${String(i).padStart(2, '0')}`, PLACES.loches, { monthlyRent: { amountCents: 30_000 + i * 1_000, currency: 'EUR' } }));
    const far = premises('p-zz-chinon', PLACES.chinon, { monthlyRent: { amountCents: 79_000, currency: 'EUR' } });
    const res = buildBundles(request({ targets: [PLACES.loches, PLACES.chinon] }), { premises: [...many, far], housing: [housing('h-1', PLACES.loches)], jobs: [job('j-chinon', PLACES.chinon)] }, new Map());
    expect(res.bundles.map((b) => b.premisesOfferId)).toEqual(['p-zz-chinon']);
  });

  it('keeps the same three bundles as comparing every premises\' best bundle, although it stops examining premises early', () => {
    const places = [PLACES.loches, PLACES.beaulieu, PLACES.ligueil, PLACES.loches, PLACES.beaulieu];
    const many = Array.from({ length: 18 }, (_, i) => premises(`p-${String(i).padStart(2, '0')}`, places[i % places.length]!, { monthlyRent: { amountCents: 30_000 + ((i * 7) % 11) * 4_000, currency: 'EUR' } }));
    const pool: BundleCandidates = {
      premises: many,
      housing: [housing('h-loches', PLACES.loches), housing('h-beaulieu', PLACES.beaulieu, { monthlyPrice: { amountCents: 25_000, currency: 'EUR' } }), housing('h-ligueil', PLACES.ligueil)],
      jobs: [job('j-ligueil', PLACES.ligueil), job('j-beaulieu', PLACES.beaulieu), job('j-tours', PLACES.tours)],
    };
    const req = request({ targets: [PLACES.loches, PLACES.ligueil] });
    const byPlace = aids([['37132', 2_000], ['37020', 40_000], ['37123', 0]]);
    const alone = many
      .map((p) => buildBundles(req, { ...pool, premises: [p] }, byPlace).bundles[0]!)
      .map((b) => ({ premises: b.premisesOfferId, total: b.score.total, key: `${b.premisesOfferId}|${b.housingOfferId}|${b.jobOfferId}` }))
      .sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1))
      .slice(0, 3);
    const together = buildBundles(req, pool, byPlace).bundles.map((b) => ({ premises: b.premisesOfferId, total: b.score.total, key: `${b.premisesOfferId}|${b.housingOfferId}|${b.jobOfferId}` }));
    expect(together).toEqual(alone);
  });

  it('never proposes an offer that is already reserved', () => {
    const reserved = premises('p-loches', PLACES.loches);
    const taken = { ...reserved, offer: { ...reserved.offer, status: 'reserved' as const } };
    const res = buildBundles(request(), { ...candidates, premises: [taken, ...candidates.premises.slice(1)] }, new Map());
    expect(res.bundles.map((b) => b.premisesOfferId)).not.toContain('p-loches');
  });
});
