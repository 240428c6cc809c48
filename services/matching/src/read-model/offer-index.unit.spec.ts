import { describe, expect, it } from '@jest/globals';
import type { HousingOffer, Offer } from '@guichet/contracts';
import { distanceKm, type Coordinates } from '../domain/index.js';
import { OfferIndex } from './offer-index.js';

/** A 20 × 20 grid of communes around Tours, 0.05° apart; code `g<row>-<col>`. */
const grid = new Map<string, Coordinates>();
for (let r = 0; r < 20; r += 1) for (let c = 0; c < 20; c += 1) grid.set(`g${r}-${c}`, { lat: 47 + r * 0.05, lng: 0.5 + c * 0.05 });
grid.set('nowhere', null as unknown as Coordinates);

const housing = (id: string, communeCode: string, version = 1, departement = '37'): HousingOffer => ({
  id,
  kind: 'housing',
  status: 'available',
  version,
  publisherId: 'p',
  territory: { regions: ['24'], departements: [departement], communes: [communeCode] },
  publishedAt: '2026-09-01T08:00:00Z',
  updatedAt: '2026-09-01T08:00:00Z',
  details: { title: `Logement ${id}`, communeCode, beds: 1, monthlyPrice: { amountCents: 30_000, currency: 'EUR' }, availablePeriods: [{ from: '2026-10-01', until: '2027-06-30' }], eligibleOccupants: ['intern'] },
});

const ids = (found: { offer: Offer }[]) => found.map((f) => f.offer.id).sort();

function bruteForce(offers: Map<string, Offer>, point: Coordinates, km: number): string[] {
  return [...offers.values()]
    .filter((o) => o.status === 'available' && grid.get(o.details.communeCode) && distanceKm(point, grid.get(o.details.communeCode)!) <= km)
    .map((o) => o.id)
    .sort();
}

describe('OfferIndex: a static kd-tree plus pending changes answers like a full scan', () => {
  it('finds the same offers as a scan through additions, moves, withdrawals and reservations, before and after rebuilds', () => {
    const index = new OfferIndex({ locate: (code) => grid.get(code) ?? null, rebuildThreshold: () => 25 });
    const truth = new Map<string, Offer>();
    const versions = new Map<string, number>();
    const bump = (id: string) => {
      versions.set(id, (versions.get(id) ?? 0) + 1);
      return versions.get(id)!;
    };
    const codes = [...grid.keys()].filter((c) => c !== 'nowhere');
    let seed = 1;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let step = 0; step < 600; step += 1) {
      const id = `o${Math.floor(next() * 150)}`;
      const current = truth.get(id);
      const action = next();
      if (!current || action < 0.5) {
        const offer = housing(id, codes[Math.floor(next() * codes.length)]!, bump(id));
        truth.set(id, offer);
        index.upsert(offer);
      } else if (action < 0.7) {
        const version = bump(id);
        index.apply({ type: 'fr.sante.guichet.catalogue.offer-withdrawn.v1', data: { offerId: id, kind: 'housing', version, territory: current.territory, withdrawnAt: '2026-10-01T00:00:00Z' } });
        truth.delete(id);
      } else if (action < 0.85 && current.status === 'available') {
        const version = bump(id);
        index.apply({ type: 'fr.sante.guichet.catalogue.offer-reserved.v1', data: { offerId: id, kind: 'housing', version, requestId: 'r', reservationId: 'x', reservedAt: '2026-10-01T00:00:00Z' } });
        truth.set(id, { ...current, status: 'reserved', version });
      } else if (current.status === 'reserved') {
        const version = bump(id);
        index.apply({ type: 'fr.sante.guichet.catalogue.offer-released.v1', data: { offerId: id, kind: 'housing', version, requestId: 'r', reservationId: 'x', releasedAt: '2026-10-02T00:00:00Z', reason: 'manual' } });
        truth.set(id, { ...current, status: 'available', version });
      }
      if (step % 37 === 0) {
        const point = grid.get(codes[Math.floor(next() * codes.length)]!)!;
        const km = 5 + next() * 30;
        expect(ids(index.around('housing', point, km))).toEqual(bruteForce(truth, point, km));
      }
    }
    expect(index.stats().rebuilds).toBeGreaterThan(1);
  });

  it('ignores replayed and older events, and keeps offers without a known place apart', () => {
    const index = new OfferIndex({ locate: (code) => grid.get(code) ?? null });
    expect(index.upsert(housing('a', 'g1-1', 2))).toBe(true);
    expect(index.upsert(housing('a', 'g9-9', 1))).toBe(false);
    expect(index.upsert(housing('a', 'g1-1', 2))).toBe(false);
    expect(index.get('a')?.offer.details.communeCode).toBe('g1-1');
    index.upsert(housing('u', 'nowhere', 1, '41'));
    expect(ids(index.unlocatedIn('housing', ['41']))).toEqual(['u']);
    expect(ids(index.inDepartements('housing', ['37']))).toEqual(['a']);
    expect(index.around('housing', grid.get('g1-1')!, 50).map((o) => o.offer.id)).toEqual(['a']);
  });

  it('keeps a housing of two beds in the answers until both are reserved, and gives a bed back on release', () => {
    const index = new OfferIndex({ locate: (code) => grid.get(code) ?? null });
    index.upsert({ ...housing('flat', 'g1-1', 1), details: { ...housing('flat', 'g1-1', 1).details, beds: 2 } });
    const near = () => index.around('housing', grid.get('g1-1')!, 5).map((o) => o.offer.id);
    const reserved = (version: number, n: number) =>
      index.apply({ type: 'fr.sante.guichet.catalogue.offer-reserved.v1', data: { offerId: 'flat', kind: 'housing', version, requestId: `r${n}`, reservationId: `x${n}`, reservedAt: '2026-10-01T00:00:00Z' } });
    reserved(2, 1);
    expect(near()).toEqual(['flat']);
    expect(index.get('flat')?.offer).toMatchObject({ status: 'available', bedsAvailable: 1 });
    reserved(3, 2);
    expect(near()).toEqual([]);
    expect(index.get('flat')?.offer).toMatchObject({ status: 'reserved', bedsAvailable: 0, reservedFor: { requestId: 'r1' } });
    index.apply({ type: 'fr.sante.guichet.catalogue.offer-released.v1', data: { offerId: 'flat', kind: 'housing', version: 4, requestId: 'r1', reservationId: 'x1', releasedAt: '2026-10-02T00:00:00Z', reason: 'manual' } });
    expect(near()).toEqual(['flat']);
    expect(index.get('flat')?.offer).toMatchObject({ status: 'available', bedsAvailable: 1, reservations: [{ requestId: 'r2' }] });
  });
});
