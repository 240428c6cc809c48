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
 */
export function buildAllocationProblem(interns: readonly WaitingIntern[], housings: readonly Located<HousingOffer>[], options: CandidateOptions = DEFAULT_CANDIDATE_OPTIONS): AllocationProblem {
  const located = housings.filter((h): h is Located<HousingOffer> & { location: Coordinates } => h.location !== null && h.offer.status === 'available' && h.offer.details.beds > 0);
  const edges: CandidateEdge[] = [];
  if (located.length > 0) {
    const index = new KDBush(located.length);
    for (const h of located) index.add(h.location.lng, h.location.lat);
    index.finish();
    // The index asks the filter about every point of each leaf it visits: keep it to array reads.
    const occupants = Uint8Array.from(located, (h) => h.offer.details.eligibleOccupants.reduce((mask, status) => mask | STATUS_BIT[status], 0));
    const prices = Float64Array.from(located, (h) => h.offer.details.monthlyPrice.amountCents);
    const periods = located.map((h) => h.offer.details.availablePeriods);
    for (const intern of interns) {
      if (!intern.site) continue;
      const site = intern.site;
      const bit = STATUS_BIT[intern.status];
      const maxRent = intern.maxMonthlyRentCents ?? Number.POSITIVE_INFINITY;
      const { from, until } = intern.stay;
      const suitable = (i: number) => (occupants[i]! & bit) !== 0 && prices[i]! <= maxRent && covers(periods[i]!, from, until);
      for (const i of around(index, site.lng, site.lat, options.maxCandidatesPerIntern, options.radiusKm, suitable)) {
        const h = located[i]!;
        const km = distanceKm(site, h.location);
        edges.push({ requestId: intern.requestId, offerId: h.offer.id, fit: housingFit(km, options.radiusKm, prices[i]!, intern.maxMonthlyRentCents) });
      }
    }
  }
  const allocationInterns: AllocationIntern[] = interns.map((i) => ({ requestId: i.requestId, arrivedAt: i.arrivedAt }));
  const allocationHousings: AllocationHousing[] = located.map((h) => ({ offerId: h.offer.id, beds: h.offer.details.beds }));
  return { interns: allocationInterns, housings: allocationHousings, edges };
}

const STATUS_BIT: Record<CandidateStatus | 'other-health-professional', number> = { student: 1, intern: 2, 'junior-doctor': 4, doctor: 8, 'other-health-professional': 16 };

/** The whole stay fits in one of the periods the housing is offered. */
function covers(periods: readonly DateRange[], from: string, until: string): boolean {
  for (const period of periods) if (period.from <= from && until <= period.until) return true;
  return false;
}
