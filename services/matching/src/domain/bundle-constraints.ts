import type { HousingOffer, JobOffer, PremisesOffer } from '@guichet/contracts';
import type { BundleRequest, Located } from './bundle-types.js';
import type { Coordinates } from './geo.js';
import { distanceKm } from './geo.js';

/** Housing must be this close to the internship site unless the request says otherwise. */
export const DEFAULT_HOUSING_MAX_KM = 20;
/** Spouse's commute when the request gives none. */
export const DEFAULT_COMMUTE_MAX_KM = 30;

export type Check<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: string };

const REJECTION_MESSAGES: Record<string, string> = {
  'offer-unavailable': 'offre déjà réservée ou retirée',
  'premises-type': 'type de local non souhaité',
  'premises-surface': 'surface hors de la fourchette demandée',
  'premises-budget': 'loyer au-dessus du budget',
  'premises-too-late': 'local disponible trop tard',
  'premises-conditions': "conditions du local incompatibles (secteur, mode d'exercice ou durée minimale)",
  'premises-too-far': 'local trop loin des communes souhaitées',
  'housing-dates': 'logement non disponible pendant toute la période',
  'housing-occupants': 'logement réservé à un autre public',
  'housing-beds': 'pas assez de places',
  'housing-budget': 'loyer du logement au-dessus du budget',
  'housing-too-far': 'logement trop loin du lieu de stage',
  'job-profession': 'autre métier',
  'job-sector': "secteur d'emploi non souhaité",
  'job-working-time': 'temps de travail non souhaité',
  'job-too-far': 'emploi trop loin du lieu d’exercice',
};

export function rejectionMessage(code: string): string {
  return REJECTION_MESSAGES[code] ?? code;
}

export interface PremisesFit {
  readonly candidate: Located<PremisesOffer>;
  /** Distance to the nearest wished commune; null when only the département matched. */
  readonly distanceKm: number | null;
  readonly nearestTarget: string | null;
}

/** Hard constraints on premises: availability, type, surface, budget, date, conditions, place. */
export function checkPremises(request: BundleRequest, candidate: Located<PremisesOffer>): Check<PremisesFit> {
  const need = request.needs.premises;
  const { offer } = candidate;
  const d = offer.details;
  if (offer.status !== 'available') return { ok: false, code: 'offer-unavailable' };
  if (need?.premisesTypes && !need.premisesTypes.includes(d.premisesType)) return { ok: false, code: 'premises-type' };
  if (need && (d.surfaceM2 < need.surfaceM2Min || (need.surfaceM2Max !== undefined && d.surfaceM2 > need.surfaceM2Max))) return { ok: false, code: 'premises-surface' };
  if (need && d.monthlyRent.amountCents > need.maxMonthlyRent.amountCents) return { ok: false, code: 'premises-budget' };
  if (need && d.availableFrom > need.availableFrom) return { ok: false, code: 'premises-too-late' };
  const conditions = d.conditions;
  if (conditions?.sectors && !conditions.sectors.includes(request.sector)) return { ok: false, code: 'premises-conditions' };
  if (conditions?.practiceModes && !conditions.practiceModes.includes(request.practiceMode)) return { ok: false, code: 'premises-conditions' };
  const nearest = nearestTarget(request, candidate.location);
  if (nearest && nearest.distanceKm <= request.radiusKm) return { ok: true, value: { candidate, distanceKm: nearest.distanceKm, nearestTarget: nearest.name } };
  if (offer.territory.departements.some((dep) => request.targetDepartements.includes(dep))) return { ok: true, value: { candidate, distanceKm: null, nearestTarget: null } };
  return { ok: false, code: 'premises-too-far' };
}

/** Housing offers name their occupants with one « doctor » for every doctor who has defended the thesis, installed or not. */
function occupantOf(status: BundleRequest['candidateStatus']): HousingOffer['details']['eligibleOccupants'][number] {
  return status === 'graduated-doctor' || status === 'installed-doctor' ? 'doctor' : status;
}

export interface HousingFit {
  readonly candidate: Located<HousingOffer>;
  readonly distanceKm: number | null;
}

/** Hard constraints on housing: available for the whole stay, for this kind of occupant, enough beds, budget, near the internship site. */
export function checkHousing(request: BundleRequest, candidate: Located<HousingOffer>, anchor: Coordinates | null, maxKm: number): Check<HousingFit> {
  const need = request.needs.housing;
  const { offer } = candidate;
  const d = offer.details;
  if (offer.status !== 'available') return { ok: false, code: 'offer-unavailable' };
  if (need && !d.availablePeriods.some((p) => p.from <= need.from && need.until <= p.until)) return { ok: false, code: 'housing-dates' };
  if (!d.eligibleOccupants.includes(occupantOf(request.candidateStatus))) return { ok: false, code: 'housing-occupants' };
  if (need && (offer.bedsAvailable ?? d.beds) < need.people) return { ok: false, code: 'housing-beds' };
  if (need && d.monthlyPrice.amountCents > need.maxMonthlyRent.amountCents) return { ok: false, code: 'housing-budget' };
  if (!anchor || !candidate.location) return { ok: true, value: { candidate, distanceKm: null } };
  const km = distanceKm(anchor, candidate.location);
  return km <= maxKm ? { ok: true, value: { candidate, distanceKm: km } } : { ok: false, code: 'housing-too-far' };
}

export interface JobFit {
  readonly candidate: Located<JobOffer>;
  readonly distanceKm: number;
}

/** Hard constraints on the spouse's job that do not depend on the practice: availability, profession, sector, working time. */
export function checkJobOffer(request: BundleRequest, candidate: Located<JobOffer>): Check<Located<JobOffer>> {
  const code = jobRejection(request, candidate.offer);
  return code === null ? { ok: true, value: candidate } : { ok: false, code };
}

/** Whether a job passes `checkJobOffer`, read from the offer alone (a search can skip the others). */
export function jobMatchesNeed(request: BundleRequest, offer: JobOffer): boolean {
  return jobRejection(request, offer) === null;
}

function jobRejection(request: BundleRequest, offer: JobOffer): string | null {
  const need = request.needs.spouseJob;
  const d = offer.details;
  if (offer.status !== 'available') return 'offer-unavailable';
  if (!need) return null;
  if (d.profession !== need.profession) return 'job-profession';
  if (need.employmentSector !== 'any' && d.employmentSector !== need.employmentSector) return 'job-sector';
  if (need.workingTime !== 'any' && d.workingTime !== need.workingTime) return 'job-working-time';
  return null;
}

export function commuteLimitKm(request: BundleRequest): number {
  return request.needs.spouseJob?.maxCommuteKm ?? DEFAULT_COMMUTE_MAX_KM;
}

/** The job within commuting distance of the practice (or of the internship site when there is no practice); unknown places never qualify. */
export function jobWithinReach(request: BundleRequest, candidate: Located<JobOffer>, anchor: Coordinates | null): JobFit | null {
  if (!anchor || !candidate.location) return null;
  const km = distanceKm(anchor, candidate.location);
  return km <= commuteLimitKm(request) ? { candidate, distanceKm: km } : null;
}

function nearestTarget(request: BundleRequest, location: Coordinates | null): { distanceKm: number; name: string } | null {
  if (!location) return null;
  let best: { distanceKm: number; name: string } | null = null;
  for (const target of request.targets) {
    if (!target.location) continue;
    const km = distanceKm(location, target.location);
    if (!best || km < best.distanceKm) best = { distanceKm: km, name: target.name };
  }
  return best;
}
