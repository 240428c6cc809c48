import { describe, expect, it } from '@jest/globals';
import { PLACES, housing, premises } from '../../../test/offer-fixtures.js';
import { aidCatalogue } from '../../../test/reference-files.js';
import { applyZoningOrder, eligibilityResult, emptyZoningTimeline, type ZoningTimeline } from '../../domain/index.js';
import { eligibilityPlace } from '../eligibility-place.js';
import { CommuneDirectory, OfferIndex } from '../../read-model/index.js';
import { computeProposals } from './compute-proposals.js';
import { eligibilityProfile, type MatchingRequest } from './matching-request.js';

const communes = CommuneDirectory.shared();
const catalogue = aidCatalogue();
const offers = new OfferIndex({ locate: (code) => communes.location(code) });
offers.upsert(premises('00000000-0000-4000-8000-000000000001', PLACES.ligueil).offer);
offers.upsert(housing('00000000-0000-4000-8000-000000000002', PLACES.loches).offer);

const request: MatchingRequest = {
  status: 'graduated-doctor',
  specialty: 'medecine-generale',
  targets: { communes: [PLACES.ligueil.communeCode], radiusKm: 10 },
  desiredInstallationDate: '2026-11-02',
  practice: { mode: 'msp', sector: '1', daysPerWeek: 4, coordinatedPractice: true, onCallParticipation: true },
  needs: { premises: { surfaceM2Min: 15, maxMonthlyRent: { amountCents: 80_000, currency: 'EUR' }, availableFrom: '2026-11-01' } },
};

const proposals = (zoning: ZoningTimeline) =>
  computeProposals(
    { offers, communes, reference: { catalogue, zoning } },
    { requestId: '00000000-0000-4000-8000-0000000000aa', requestVersion: 1, request, trigger: 'request-submitted', triggerEventId: 'e-1', at: '2026-10-01T09:00:00.000Z' },
  );

describe('the zone of a proposed place', () => {
  it('is left out when no zoning order covers the commune: unknown, which the zone criteria answer with « information nécessaire »', () => {
    const [bundle] = proposals(emptyZoningTimeline()).bundles;
    expect(bundle?.communeCode).toBe(PLACES.ligueil.communeCode);
    expect(bundle).not.toHaveProperty('zone');
    const zoneReasons = bundle!.eligibility.verdicts.flatMap((v) => v.reasons).filter((r) => r.criterion === 'zone');
    expect(zoneReasons.length).toBeGreaterThan(0);
    expect(zoneReasons.every((r) => r.code === 'zone-unknown')).toBe(true);
  });

  it('is « none » only when an order puts the commune outside the zoning', () => {
    const order = { regionCode: '24' as const, arrete: { reference: 'arrêté 2026' }, effectiveFrom: '2026-01-01', assignments: [{ communeCode: PLACES.ligueil.communeCode, zone: 'none' as const }] };
    const [bundle] = proposals(applyZoningOrder(emptyZoningTimeline(), order).timeline).bundles;
    expect(bundle?.zone).toBe('none');
  });
});

describe('the aids listed with a proposed place', () => {
  const covers = (insee: string) => {
    const commune = communes.get(insee)!;
    return (scheme: (typeof catalogue)[number]) =>
      scheme.criteria.every((c) => c.kind !== 'territory' || (c.regions as readonly string[] | undefined)?.includes(commune.region) || c.departements?.includes(commune.departement) || c.communes?.includes(commune.insee));
  };

  it('are every scheme that covers its commune, national ones included, and no local aid of another territory', () => {
    const [bundle] = proposals(emptyZoningTimeline()).bundles;
    const listed = bundle!.eligibility.verdicts.map((v) => v.schemeId);
    expect(catalogue.some((scheme) => !covers(PLACES.ligueil.communeCode)(scheme))).toBe(true);
    expect([...listed].sort()).toEqual(catalogue.filter(covers(PLACES.ligueil.communeCode)).map((s) => s.id).sort());
    expect(bundle!.eligibility.verdicts.flatMap((v) => v.reasons).some((r) => r.code === 'territory-outside')).toBe(false);
  });

  it('leave the other territories\' aids to the simulation, which still answers for every scheme', () => {
    const at = '2026-10-01';
    const place = eligibilityPlace(communes, emptyZoningTimeline(), PLACES.ligueil.communeCode, at, { withHints: false })!;
    const simulated = eligibilityResult({ profile: eligibilityProfile(request), place, at, catalogue });
    expect(simulated.verdicts.map((v) => v.schemeId).sort()).toEqual(catalogue.map((s) => s.id).sort());
    expect(simulated.verdicts.some((v) => v.reasons.some((r) => r.code === 'territory-outside'))).toBe(true);
  });
});

describe('the time of a recomputed set', () => {
  const first = proposals(emptyZoningTimeline());
  const recomputed = (at: string) =>
    computeProposals(
      { offers, communes, reference: { catalogue, zoning: emptyZoningTimeline() } },
      { requestId: first.requestId, requestVersion: 1, request, trigger: 'offer-changed', triggerEventId: 'e-2', at, previous: first },
    );

  it('is its trigger’s time when that comes after the set it replaces', () => {
    expect(recomputed('2026-10-02T10:00:00.000Z').computedAt).toBe('2026-10-02T10:00:00.000Z');
  });

  it('comes just after the set it replaces when its trigger is stamped earlier, so that readers keeping the latest set take it', () => {
    expect(recomputed('2026-09-30T10:00:00.000Z').computedAt).toBe('2026-10-01T09:00:00.001Z');
    expect(recomputed(first.computedAt).computedAt).toBe('2026-10-01T09:00:00.001Z');
  });
});
