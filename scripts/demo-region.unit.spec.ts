import { describe, expect, it } from '@jest/globals';
import type { Zone } from '@guichet/contracts';
import { communeIndex, distanceKm, type Commune } from '@guichet/territory';
import { DEPARTEMENTS, HOSPITALS, PUBLISHERS, REGION, planDemoSupply, type PlannedOffer } from './demo-region.js';

// What the demo supply promises a visitor, whatever the zoning matching reports: something near
// every commune, housing at every hospital that takes interns, every zone served, several
// organisations per département, each publishing only where its account may.

const communes = communeIndex().inRegion(REGION);
const byCode = new Map(communes.map((c) => [c.insee, c]));
/** A zoning shaped like the demo one: a ZAC town per département, a few unzoned communes around Tours. */
const zones = new Map<string, Zone>(communes.map((c): [string, Zone] => [c.insee, 'zip']));
for (const town of ['18033', '36044', '45234', '28085', '41018', '37261']) zones.set(town, 'zac');
for (const c of communes) if (c.location && distanceKm(byCode.get('37261')!.location!, c.location) <= 10 && c.insee !== '37261') zones.set(c.insee, 'none');
const plan = planDemoSupply(communes, zones);
const placeOf = (p: PlannedOffer): Commune => byCode.get(p.offer.details.communeCode)!;
const ofKind = (kind: string) => plan.offers.filter((p) => p.offer.kind === kind);

describe('the demo supply of Centre-Val de Loire', () => {
  it('has premises and intern housing within 15 km of every commune of the region', () => {
    const far = communes
      .filter((c) => c.location !== null)
      .filter((c) => ['premises', 'housing'].some((kind) => !ofKind(kind).some((p) => distanceKm(placeOf(p).location!, c.location!) <= 15)))
      .map((c) => c.name);
    expect(far).toEqual([]);
  });

  it('houses interns in the commune of each hospital that takes them', () => {
    for (const h of HOSPITALS) {
      const housing = ofKind('housing').filter((p) => p.offer.details.communeCode === h.insee && p.offer.kind === 'housing' && p.offer.details.eligibleOccupants.includes('intern'));
      expect({ hospital: h.name, housing: housing.length > 0 }).toEqual({ hospital: h.name, housing: true });
    }
  });

  it('offers premises of each type in every zone of every département', () => {
    for (const d of DEPARTEMENTS) {
      for (const zone of ['zip', 'zac'] as const) {
        const types = new Set(ofKind('premises').filter((p) => placeOf(p).departement === d && zones.get(placeOf(p).insee) === zone).map((p) => (p.offer.kind === 'premises' ? p.offer.details.premisesType : '')));
        expect({ d, zone, types: [...types].sort() }).toEqual({ d, zone, types: ['centre-de-sante', 'individual-practice', 'msp-room'] });
      }
    }
  });

  it('puts more where more people live', () => {
    const premisesIn = (d: string) => ofKind('premises').filter((p) => placeOf(p).departement === d).length;
    expect(premisesIn('45')).toBeGreaterThan(premisesIn('36'));
    expect(premisesIn('37')).toBeGreaterThan(premisesIn('18'));
  });

  it('is published by a commune, the Département, a hospital and an employer in each département, each within its own territory', () => {
    const accounts = new Map(PUBLISHERS.map((p) => [p.username, p]));
    for (const offer of plan.offers) {
      const publisher = accounts.get(offer.publisher)!;
      expect({ title: offer.offer.details.title, departement: placeOf(offer).departement }).toEqual({ title: offer.offer.details.title, departement: publisher.departement });
      if (publisher.kind === 'commune') expect(offer.offer.details.communeCode).toBe(publisher.town);
    }
    for (const d of DEPARTEMENTS) {
      const kinds = new Set(plan.offers.filter((o) => accounts.get(o.publisher)!.departement === d).map((o) => accounts.get(o.publisher)!.kind));
      expect({ d, kinds: [...kinds].filter((k) => k !== 'metropole').sort() }).toEqual({ d, kinds: ['commune', 'departement', 'employer', 'hospital'] });
    }
  });

  it('names each offer once, so that loading again finds it by its title', () => {
    expect(new Set(plan.offers.map((p) => p.offer.details.title)).size).toBe(plan.offers.length);
    expect(new Set(plan.offers.map((p) => p.key)).size).toBe(plan.offers.length);
  });
});
