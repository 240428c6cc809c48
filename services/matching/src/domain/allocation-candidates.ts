import KDBush from 'kdbush';
import { around } from 'geokdbush';
import type { CandidateStatus, DateRange, HousingOffer, IsoDateTime } from '@guichet/contracts';
import type { AllocationHousing, AllocationIntern, AllocationProblem, CandidateEdge } from './allocation.js';
import type { Located } from './bundle-types.js';
import type { Coordinates } from './geo.js';
import { distanceKm } from './geo.js';

export interface WaitingIntern {
  readonly requestId: string;
  readonly arrivedAt: IsoDateTime;
  readonly status: CandidateStatus;
  /** Internship site; an intern with an unknown site gets no candidate bed. */
  readonly site: Coordinates | null;
  readonly stay: DateRange;
  readonly maxMonthlyRentCents?: number;
}

export interface CandidateOptions {
  /** Beds farther than this from the internship site are not candidates. */
  readonly radiusKm: number;
  /** Nearest suitable housings kept per intern: bounds the graph whatever the density. */
  readonly maxCandidatesPerIntern: number;
}

export const DEFAULT_CANDIDATE_OPTIONS: CandidateOptions = { radiusKm: 20, maxCandidatesPerIntern: 30 };

/**
 * Fit of a bed for an intern, in (0, 1]: mostly closeness to the internship site, partly price
 * against the intern's budget. Never 0, so being housed always beats being left without a bed.
 */
export function housingFit(distanceKm: number, radiusKm: number, monthlyPriceCents: number, maxMonthlyRentCents: number | undefined): number {
  const closeness = 1 - Math.min(1, distanceKm / radiusKm);
  const price = maxMonthlyRentCents ? 1 - Math.min(1, monthlyPriceCents / maxMonthlyRentCents) : 0.5;
  return Math.max(0.01, Math.round((0.7 * closeness + 0.3 * price) * 1000) / 1000);
}

/**
 * The allocation problem for a semester: candidate edges come from a geographic index
 * (kdbush + geokdbush), so each intern only sees the nearest suitable housings within the radius —
 * available for the whole stay, open to their status, within budget, with at least one bed.
 * Deterministic: housings at the same distance are taken in the order given.
 */
export function buildAllocationProblem(interns: readonly WaitingIntern[], housings: readonly Located<HousingOffer>[], options: CandidateOptions = DEFAULT_CANDIDATE_OPTIONS): AllocationProblem {
  const located = housings.filter((h): h is Located<HousingOffer> & { location: Coordinates } => h.location !== null && h.offer.status === 'available' && bedsLeft(h.offer) > 0);
  const edges: CandidateEdge[] = [];
  if (located.length > 0) {
    const index = new KDBush(located.length);
    for (const h of located) index.add(h.location.lng, h.location.lat);
    index.finish();
    const occupants = Uint8Array.from(located, (h) => h.offer.details.eligibleOccupants.reduce((mask, status) => mask | STATUS_BIT[status], 0));
    const prices = Float64Array.from(located, (h) => h.offer.details.monthlyPrice.amountCents);
    // Interns of one site, status and stay share the housings within reach: they are searched once
    // per group, nearest first, and each intern keeps the nearest within budget.
    const reachable = new Map<string, Reachable>();
    for (const intern of interns) {
      if (!intern.site) continue;
      const site = intern.site;
      const { from, until } = intern.stay;
      const group = `${site.lat},${site.lng}|${intern.status}|${from}|${until}`;
      let nearest = reachable.get(group);
      if (!nearest) {
        const bit = STATUS_BIT[intern.status];
        const suitable = (i: number) => (occupants[i]! & bit) !== 0 && covers(located[i]!.offer.details.availablePeriods, from, until);
        const found = around(index, site.lng, site.lat, Number.POSITIVE_INFINITY, options.radiusKm, suitable);
        const km = new Map(found.map((i) => [i, distanceKm(site, located[i]!.location)]));
        const housings = Int32Array.from(found.sort((a, b) => km.get(a)! - km.get(b)! || a - b));
        nearest = { housings, km: Float64Array.from(housings, (i) => km.get(i)!) };
        reachable.set(group, nearest);
      }
      const maxRent = intern.maxMonthlyRentCents ?? Number.POSITIVE_INFINITY;
      for (const at of nearestWithinBudget(nearest, prices, maxRent, options.maxCandidatesPerIntern, intern.requestId)) {
        const i = nearest.housings[at]!;
        edges.push({ requestId: intern.requestId, offerId: located[i]!.offer.id, fit: housingFit(nearest.km[at]!, options.radiusKm, prices[i]!, intern.maxMonthlyRentCents) });
      }
    }
  }
  const allocationInterns: AllocationIntern[] = interns.map((i) => ({ requestId: i.requestId, arrivedAt: i.arrivedAt }));
  const allocationHousings: AllocationHousing[] = located.map((h) => ({ offerId: h.offer.id, beds: bedsLeft(h.offer) }));
  return { interns: allocationInterns, housings: allocationHousings, edges };
}

/** Suitable housings within reach of a site, nearest first, with their distance. */
interface Reachable {
  readonly housings: Int32Array;
  readonly km: Float64Array;
}

/**
 * Positions of the `max` nearest housings within budget. Housings of one commune share its point,
 * so the last distance taken often ties several housings: those are taken from a place in the tie
 * that depends on the intern, so that the interns of a site do not all compete for the same few.
 */
function nearestWithinBudget(reachable: Reachable, prices: Float64Array, maxRent: number, max: number, requestId: string): number[] {
  const { housings, km } = reachable;
  const kept: number[] = [];
  let start = 0;
  while (start < housings.length && kept.length < max) {
    let end = start + 1;
    while (end < housings.length && km[end] === km[start]) end += 1;
    const affordable: number[] = [];
    for (let at = start; at < end; at += 1) if (prices[housings[at]!]! <= maxRent) affordable.push(at);
    const room = max - kept.length;
    if (affordable.length <= room) kept.push(...affordable);
    else {
      const offset = stableHash(requestId) % affordable.length;
      for (let t = 0; t < room; t += 1) kept.push(affordable[(offset + t) % affordable.length]!);
    }
    start = end;
  }
  return kept;
}

/** FNV-1a: a fixed number from a string, the same in every run. */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Housing offers name their occupants with one « doctor » for every doctor who has defended the thesis, installed or not. */
const STATUS_BIT: Record<CandidateStatus | 'other-health-professional', number> = {
  student: 1,
  intern: 2,
  'junior-doctor': 4,
  doctor: 8,
  'graduated-doctor': 8,
  'installed-doctor': 8,
  'other-health-professional': 16,
};

/** The whole stay fits in one of the periods the housing is offered. */
function covers(periods: readonly DateRange[], from: string, until: string): boolean {
  for (const period of periods) if (period.from <= from && until <= period.until) return true;
  return false;
}

/** Beds a housing can still give: those not held by a reservation. */
function bedsLeft(offer: HousingOffer): number {
  return offer.bedsAvailable ?? offer.details.beds;
}
