import { describe, expect, it } from '@jest/globals';
import { aidCatalogue } from '../../test/reference-files.js';
import { applyZoningOrder, emptyZoningTimeline, evaluateEligibility } from '../domain/index.js';
import { CommuneDirectory } from '../read-model/index.js';
import { eligibilityPlace } from './eligibility-place.js';
import { internshipPlaceOf } from './internship-place.js';
import { eligibilityProfile, type MatchingRequest } from './matching/matching-request.js';

const communes = CommuneDirectory.shared();
const catalogue = aidCatalogue();
const [TOURS, LE_BLANC, AMBOISE] = ['37261', '36018', '37003'];
// Indre is all in ZIP but Châteauroux (domain facts §10); Tours left out of the zoning here.
const zoning = applyZoningOrder(emptyZoningTimeline(), {
  regionCode: '24',
  arrete: { reference: 'arrêté de test' },
  effectiveFrom: '2022-02-01',
  assignments: [
    { communeCode: LE_BLANC, zone: 'zip' },
    { communeCode: AMBOISE, zone: 'zip' },
    { communeCode: TOURS, zone: 'none' },
  ],
}).timeline;

/** A docteur junior of general medicine (4th year, from November 2026) placed in an ambulatory practice. */
const juniorDoctor = (site: string): MatchingRequest => ({
  status: 'junior-doctor',
  specialty: 'medecine-generale',
  internship: { communeCode: site, hospitalName: 'Cabinet de médecine générale', chuCommuneCode: TOURS, startDate: '2026-11-02', endDate: '2027-10-31', ambulatory: true },
  homeCommuneCode: TOURS,
  targets: { communes: [TOURS], radiusKm: 10 },
  desiredInstallationDate: '2027-11-02',
  practice: { mode: 'msp', sector: '1' },
  needs: { housing: { from: '2026-11-02', until: '2027-10-31', maxMonthlyRent: { amountCents: 50_000, currency: 'EUR' }, people: 1 } },
});

const verdicts = (request: MatchingRequest, withPlacement: boolean) => {
  const at = '2026-10-01';
  const place = eligibilityPlace(communes, zoning, TOURS, at, { withHints: false })!;
  const internshipPlace = withPlacement ? internshipPlaceOf(communes, zoning, request, at) : undefined;
  const profile = { ...eligibilityProfile(request), housedFreeOfCharge: false };
  return new Map(evaluateEligibility({ profile, place, ...(internshipPlace ? { internshipPlace } : {}), at, catalogue, zoning }).map((v) => [v.schemeId, v]));
};

describe('a docteur junior placed in an under-served area: the placement’s housing and travel aids', () => {
  it('the placement is judged where it happens, with its distances from the CHU and from home as the crow flies', () => {
    const place = internshipPlaceOf(communes, zoning, juniorDoctor(LE_BLANC), '2026-10-01');
    expect(place?.commune.insee).toBe(LE_BLANC);
    expect(place?.zone).toBe('zip');
    expect(place?.distancesAsTheCrowFlies).toBe(true);
    expect(place?.distances?.fromChuKm).toBeGreaterThan(80);
    expect(place?.distances?.fromHomeKm).toBe(place?.distances?.fromChuKm);
    expect(internshipPlaceOf(communes, zoning, { ...juniorDoctor(LE_BLANC), internship: undefined }, '2026-10-01')).toBeUndefined();
  });

  it('Le Blanc (Indre, ZIP), 90 km from the CHU of Tours: the State housing (200 € a month) and transport (130 € a month) allowances and the collectivities’ internship allowance open, though the request settles in Tours, out of the zoning [001:1134-1137, 001:1159-1161, 001:1171]', () => {
    const placed = verdicts(juniorDoctor(LE_BLANC), true);
    for (const id of ['indemnite-hebergement-internes-zone-sous-dense', 'indemnite-transport-stage-ambulatoire', 'indemnite-logement-deplacement-stage-collectivite']) {
      expect([id, placed.get(id)?.status]).toEqual([id, 'eligible']);
    }
    const atTours = verdicts(juniorDoctor(LE_BLANC), false);
    expect(atTours.get('indemnite-hebergement-internes-zone-sous-dense')?.status).not.toBe('eligible');
  });

  it('Amboise, 21 km from Tours as the crow flies: more than 15 km is certain (transport), 30 km is to check by road, never a silent refusal', () => {
    const placed = verdicts(juniorDoctor(AMBOISE), true);
    expect(placed.get('indemnite-transport-stage-ambulatoire')?.status).toBe('eligible');
    const housing = placed.get('indemnite-hebergement-internes-zone-sous-dense')!;
    expect(housing.status).toBe('needs-information');
    const reason = housing.reasons.find((r) => r.criterion === 'internship-placement')!;
    expect(reason).toMatchObject({ outcome: 'unknown', code: 'internship-distance-to-check' });
    expect(reason.message).toContain('par la route');
  });
});
