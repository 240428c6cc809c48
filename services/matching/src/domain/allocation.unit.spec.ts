import { describe, expect, it } from '@jest/globals';
import { PLACES, housing } from '../../test/offer-fixtures.js';
import { buildAllocationProblem, housingFit } from './allocation-candidates.js';
import { allocateBeds, allocateBedsFirstComeFirstServed, type AllocationProblem, type CandidateEdge } from './allocation.js';

const intern = (requestId: string, arrivedAt = '2026-09-01T08:00:00Z') => ({ requestId, arrivedAt });
const edge = (requestId: string, offerId: string, fit: number): CandidateEdge => ({ requestId, offerId, fit });

describe('global bed allocation versus first come, first served', () => {
  const problem: AllocationProblem = {
    interns: [intern('anna', '2026-09-01T08:00:00Z'), intern('bruno', '2026-09-02T08:00:00Z')],
    housings: [{ offerId: 'studio-loches', beds: 1 }, { offerId: 'studio-beaulieu', beds: 1 }],
    edges: [edge('anna', 'studio-loches', 0.9), edge('anna', 'studio-beaulieu', 0.6), edge('bruno', 'studio-loches', 0.8)],
  };

  it('first come, first served: the first intern takes the best bed and the second is left without one', () => {
    const fcfs = allocateBedsFirstComeFirstServed(problem);
    expect(fcfs.assignments).toEqual([{ requestId: 'anna', offerId: 'studio-loches', fit: 0.9 }]);
    expect(fcfs.unassignedRequestIds).toEqual(['bruno']);
  });

  it('global: both interns get a bed, the first one moving to her second choice', () => {
    const global = allocateBeds(problem);
    expect(global.assignments).toEqual([
      { requestId: 'anna', offerId: 'studio-beaulieu', fit: 0.6 },
      { requestId: 'bruno', offerId: 'studio-loches', fit: 0.8 },
    ]);
    expect(global.unassignedRequestIds).toEqual([]);
    expect(global.totalFit).toBe(1.4);
  });

  it('houses as many interns as possible before looking at fit, even if fits are poor', () => {
    const lopsided: AllocationProblem = {
      interns: [intern('a'), intern('b')],
      housings: [{ offerId: 'h1', beds: 1 }, { offerId: 'h2', beds: 1 }],
      edges: [edge('a', 'h1', 1), edge('a', 'h2', 0.01), edge('b', 'h1', 0.01)],
    };
    expect(allocateBeds(lopsided).unassignedRequestIds).toEqual([]);
  });

  it('among allocations housing the same number of interns, takes the one with the highest total fit', () => {
    const p: AllocationProblem = {
      interns: [intern('a'), intern('b')],
      housings: [{ offerId: 'h1', beds: 1 }, { offerId: 'h2', beds: 1 }],
      edges: [edge('a', 'h1', 0.9), edge('a', 'h2', 0.8), edge('b', 'h1', 0.85), edge('b', 'h2', 0.1)],
    };
    expect(allocateBeds(p).assignments.map((a) => `${a.requestId}>${a.offerId}`)).toEqual(['a>h2', 'b>h1']);
  });

  it('fills a housing up to its number of beds, never beyond', () => {
    const p: AllocationProblem = {
      interns: [intern('a'), intern('b'), intern('c')],
      housings: [{ offerId: 'coloc', beds: 2 }],
      edges: [edge('a', 'coloc', 0.5), edge('b', 'coloc', 0.9), edge('c', 'coloc', 0.7)],
    };
    const result = allocateBeds(p);
    expect(result.assignments.map((a) => a.requestId)).toEqual(['b', 'c']);
    expect(result.unassignedRequestIds).toEqual(['a']);
  });

  it('leaves an intern without candidates unassigned and ignores edges to unknown housings or without fit', () => {
    const p: AllocationProblem = {
      interns: [intern('a'), intern('b')],
      housings: [{ offerId: 'h1', beds: 1 }],
      edges: [edge('a', 'h1', 0.5), edge('b', 'ghost', 0.9), edge('b', 'h1', 0)],
    };
    expect(allocateBeds(p)).toEqual({ assignments: [{ requestId: 'a', offerId: 'h1', fit: 0.5 }], unassignedRequestIds: ['b'], totalFit: 0.5 });
  });

  it('is deterministic: the same problem in any order gives the same allocation', () => {
    const p = randomProblem(7, 40, 25);
    const shuffled: AllocationProblem = { interns: [...p.interns].reverse(), housings: [...p.housings].reverse(), edges: [...p.edges].reverse() };
    expect(allocateBeds(shuffled)).toEqual(allocateBeds(p));
  });

  it('finds the optimum (most interns housed, then best total fit) on small random problems, checked by exhaustive search', () => {
    for (let seed = 1; seed <= 60; seed += 1) {
      const p = randomProblem(seed, 6, 4);
      const best = bruteForce(p);
      const global = allocateBeds(p);
      expect({ seed, housed: global.assignments.length, fit: thousandths(global.assignments) }).toEqual({ seed, housed: best.housed, fit: best.fit });
      const fcfs = allocateBedsFirstComeFirstServed(p);
      expect(fcfs.assignments.length).toBeLessThanOrEqual(global.assignments.length);
    }
  });

  it('on a crowded semester, houses at least as many interns as first come, first served, and strictly more on this one', () => {
    const p = randomProblem(42, 300, 120);
    const global = allocateBeds(p);
    const fcfs = allocateBedsFirstComeFirstServed(p);
    expect(global.unassignedRequestIds.length).toBeLessThan(fcfs.unassignedRequestIds.length);
    const bedsUsed = new Map<string, number>();
    for (const a of global.assignments) bedsUsed.set(a.offerId, (bedsUsed.get(a.offerId) ?? 0) + 1);
    for (const h of p.housings) expect(bedsUsed.get(h.offerId) ?? 0).toBeLessThanOrEqual(h.beds);
  });
});

describe('candidate beds from the spatial index', () => {
  const stay = { from: '2026-11-02', until: '2027-04-30' };
  const offers = [
    housing('h-loches', PLACES.loches, { beds: 2 }),
    housing('h-beaulieu', PLACES.beaulieu, { monthlyPrice: { amountCents: 20_000, currency: 'EUR' } }),
    housing('h-tours', PLACES.tours),
    housing('h-students', PLACES.loches, { eligibleOccupants: ['student'] }),
    housing('h-summer', PLACES.loches, { availablePeriods: [{ from: '2027-05-01', until: '2027-09-30' }] }),
  ];

  it('links each intern only to suitable housings within the radius of the internship site', () => {
    const problem = buildAllocationProblem(
      [
        { requestId: 'anna', arrivedAt: '2026-09-01T08:00:00Z', status: 'intern', site: PLACES.loches.location, stay, maxMonthlyRentCents: 40_000 },
        { requestId: 'lost', arrivedAt: '2026-09-01T08:00:00Z', status: 'intern', site: null, stay },
      ],
      offers,
    );
    expect(problem.edges.map((e) => e.offerId).sort()).toEqual(['h-beaulieu', 'h-loches']);
    expect(problem.housings.find((h) => h.offerId === 'h-loches')?.beds).toBe(2);
    expect(problem.edges.every((e) => e.requestId === 'anna')).toBe(true);
  });

  it('scores closer and cheaper beds higher, and never at zero', () => {
    expect(housingFit(1, 20, 20_000, 40_000)).toBeGreaterThan(housingFit(10, 20, 20_000, 40_000));
    expect(housingFit(1, 20, 20_000, 40_000)).toBeGreaterThan(housingFit(1, 20, 35_000, 40_000));
    expect(housingFit(20, 20, 40_000, 40_000)).toBe(0.01);
  });
});

function thousandths(assignments: readonly { fit: number }[]): number {
  return assignments.reduce((s, a) => s + Math.round(a.fit * 1000), 0);
}

/** Deterministic pseudo-random problem (mulberry32 from the seed): interns with a few candidate housings each. */
function randomProblem(seed: number, internCount: number, housingCount: number): AllocationProblem {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const housings = Array.from({ length: housingCount }, (_, i) => ({ offerId: `h${String(i).padStart(3, '0')}`, beds: 1 + Math.floor(random() * 2) }));
  const interns = Array.from({ length: internCount }, (_, i) => intern(`i${String(i).padStart(3, '0')}`, `2026-09-01T08:${String(Math.floor(random() * 60)).padStart(2, '0')}:00Z`));
  const edges: CandidateEdge[] = [];
  for (const i of interns) {
    const degree = 1 + Math.floor(random() * 3);
    for (let k = 0; k < degree; k += 1) edges.push(edge(i.requestId, housings[Math.floor(random() * housingCount)]!.offerId, Math.round((0.05 + 0.95 * random()) * 1000) / 1000));
  }
  return { interns, housings, edges };
}

/** Exhaustive search: best (housed, total fit in thousandths) over every feasible allocation. */
function bruteForce(problem: AllocationProblem): { housed: number; fit: number } {
  const beds = new Map(problem.housings.map((h) => [h.offerId, h.beds]));
  const options = problem.interns.map((i) => {
    const fits = new Map<string, number>();
    for (const e of problem.edges) if (e.requestId === i.requestId) fits.set(e.offerId, Math.max(fits.get(e.offerId) ?? 0, e.fit));
    return [...fits.entries()];
  });
  let best = { housed: 0, fit: 0 };
  const search = (index: number, housed: number, fit: number) => {
    if (index === options.length) {
      if (housed > best.housed || (housed === best.housed && fit > best.fit)) best = { housed, fit };
      return;
    }
    search(index + 1, housed, fit);
    for (const [offerId, f] of options[index]!) {
      const free = beds.get(offerId)!;
      if (free === 0) continue;
      beds.set(offerId, free - 1);
      search(index + 1, housed + 1, fit + Math.round(f * 1000));
      beds.set(offerId, free);
    }
  };
  search(0, 0, 0);
  return best;
}
