export type { EligibilityInput, EligibilityPlace, NearbyCommune, PlaceCommune, SpecialZoneFlags } from './eligibility-context.js';
export { DEFAULT_HINT_RADIUS_KM, eligibilityResult, evaluateEligibility, evaluateScheme } from './eligibility.js';
export { bestCombination } from './combination.js';
export type { PlaceFactsQuery } from './place-facts.js';
export { placeFactsKey } from './place-facts.js';
export { DEFAULT_INTERNSHIP_MONTHS, estimateAmount } from './amount.js';

export type { ZoningOrder, ZoningTimeline } from './zoning.js';
export { applyZoningOrder, arreteAt, emptyZoningTimeline, historyOf, zoneAt, zoningTimelineFromEntries, zoningTimelineFromOrders } from './zoning.js';

export type { Coordinates } from './geo.js';
export { distanceBetween, distanceKm, formatKm, roundKm, toCoordinates } from './geo.js';

export type { BundleCandidates, BundleComputation, BundleProposal, BundleRequest, Located, OfferRejection, PlaceAids, TargetCommune } from './bundle-types.js';
export type { BundleOptions, CheckedCandidates } from './bundles.js';
export { MAX_BUNDLES, SCORE_WEIGHTS, buildBundles, bundlesFrom, checkCandidates } from './bundles.js';
export { DEFAULT_COMMUTE_MAX_KM, DEFAULT_HOUSING_MAX_KM } from './bundle-constraints.js';

export type { Allocation, AllocationHousing, AllocationIntern, AllocationProblem, CandidateEdge } from './allocation.js';
export { allocateBeds, allocateBedsFirstComeFirstServed } from './allocation.js';
export type { CandidateOptions, WaitingIntern } from './allocation-candidates.js';
export { DEFAULT_CANDIDATE_OPTIONS, buildAllocationProblem, housingFit } from './allocation-candidates.js';

export type {
  Decision,
  OfferLifecycleEvent,
  OfferReservationState,
  ReleaseOffer,
  ReservationCommand,
  ReservationError,
  ReservationEvent,
  ReservationHold,
  ReserveOffer,
} from './reservation.js';
export { capacityOf, decide, evolve, initialReservationState, offerStatusOf, reservationsOf, withReservations } from './reservation.js';

export { addDays, addYears, coveredMonths, formatDateFr } from './dates.js';
export { eur, formatEuros } from './money.js';

export { proposalDigest } from './proposal-digest.js';
