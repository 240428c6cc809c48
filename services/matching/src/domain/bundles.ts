import type { BundleDistances, InseeCommuneCode, ScoreTerm } from '@guichet/contracts';
import type { BundleCandidates, BundleComputation, BundleProposal, BundleRequest, OfferRejection, PlaceAids } from './bundle-types.js';
import type { Check, HousingFit, JobFit, PremisesFit } from './bundle-constraints.js';
import { DEFAULT_HOUSING_MAX_KM, checkHousing, checkJobOffer, checkPremises, commuteLimitKm, jobWithinReach, rejectionMessage } from './bundle-constraints.js';
import { formatKm, roundKm } from './geo.js';
import { formatEuros } from './money.js';

export const MAX_BUNDLES = 3;
/** Alternatives kept per component before combining: enough for three distinct bundles, few enough to stay cheap. */
const TOP_PER_COMPONENT = 3;
/**
 * Premises tried with the spouse's jobs, best first by their own terms and their commune's aids;
 * more only when too few of them have a job within reach. Keeps a dense town to a bounded cost.
 */
const PREMISES_SHORTLIST = 20;
/** Aids worth this much or more give the full aid term. */
const AIDS_REFERENCE_CENTS = 5_000_000;

/** Weights of the score terms; a bundle only carries the terms of the components it has. */
export const SCORE_WEIGHTS = {
  'premises-distance': 25,
  'premises-rent': 15,
  'housing-distance': 15,
  'housing-price': 10,
  'job-commute': 15,
  aids: 20,
} as const;

export interface BundleOptions {
  readonly housingMaxKm?: number;
}

interface Draft {
  readonly key: string;
  readonly premises: PremisesFit | null;
  readonly housing: HousingFit | null;
  readonly job: JobFit | null;
  readonly communeCode: InseeCommuneCode;
  readonly place: PlaceAids | null;
  readonly terms: ScoreTerm[];
  readonly total: number;
}

/**
 * Builds up to three coherent bundles for a request: premises near a wished commune, housing near
 * the internship site for the whole stay, a spouse's job within commuting distance of the
 * practice, each honouring budget, dates and practice conditions. Bundles are ranked by an
 * explainable score (each term: code, weight, value in [0, 1], contribution, French label); ties
 * break on offer ids, and the first bundles use distinct premises (or housing) when there are
 * enough, so the candidate gets real alternatives. Same input, same output.
 *
 * `aidsByCommune` gives, for each commune a bundle may land in, the aids it opens (from the
 * eligibility engine); a commune missing from it simply scores no aid.
 */
export function buildBundles(
  request: BundleRequest,
  candidates: BundleCandidates,
  aidsByCommune: ReadonlyMap<InseeCommuneCode, PlaceAids>,
  options: BundleOptions = {},
): BundleComputation {
  const rejections = new Map<string, OfferRejection>();
  const keep = <T>(kind: OfferRejection['offerKind'], check: Check<T>): T[] => {
    if (check.ok) return [check.value];
    const key = `${kind}:${check.code}`;
    const previous = rejections.get(key);
    rejections.set(key, { offerKind: kind, code: check.code, count: (previous?.count ?? 0) + 1, message: rejectionMessage(check.code) });
    return [];
  };
  const { needs } = request;
  const housingMaxKm = options.housingMaxKm ?? DEFAULT_HOUSING_MAX_KM;

  const premises = needs.premises ? sortById(candidates.premises).flatMap((c) => keep('premises', checkPremises(request, c))) : [];
  const housingAnchor = request.internship?.location ?? null;
  const housing = needs.housing
    ? top(sortById(candidates.housing).flatMap((c) => keep('housing', checkHousing(request, c, housingAnchor, housingMaxKm))), (h) => housingTerms(request, h, housingMaxKm))
    : [];

  const missing = missingComponent(request, premises.length, housing.length);
  if (missing) return { bundles: [], rejections: sortedRejections(rejections), noBundleReason: missing };

  const premisesChoices: (PremisesFit | null)[] = needs.premises ? shortlistOrder(request, premises, aidsByCommune) : [null];
  const housingChoices: (HousingFit | null)[] = needs.housing ? housing : [null];
  const jobs = needs.spouseJob ? sortById(candidates.jobs).flatMap((c) => keep('job', checkJobOffer(request, c))) : [];
  const jobsInReach = new Set<string>();
  const drafts: Draft[] = [];
  let premisesWithBundles = 0;
  for (const [index, p] of premisesChoices.entries()) {
    // Past the shortlist, go on only while fewer than three premises have led to a bundle.
    if (index >= PREMISES_SHORTLIST && premisesWithBundles >= MAX_BUNDLES) break;
    const jobAnchor = p?.candidate.location ?? request.internship?.location ?? request.targets.find((t) => t.location)?.location ?? null;
    const reachable = jobs.flatMap((c) => jobWithinReach(request, c, jobAnchor) ?? []);
    for (const j of reachable) jobsInReach.add(j.candidate.offer.id);
    const jobChoices: (JobFit | null)[] = needs.spouseJob ? top(reachable, (j) => jobTerms(request, j)) : [null];
    if (jobChoices.length > 0) premisesWithBundles += 1;
    for (const h of housingChoices) for (const j of jobChoices) drafts.push(draft(request, p, h, j, aidsByCommune, housingMaxKm));
  }
  if (drafts.length === 0) {
    for (const job of jobs) keep('job', { ok: false, code: 'job-too-far' });
    return { bundles: [], rejections: sortedRejections(rejections), noBundleReason: "Aucun emploi pour votre conjoint(e) ne correspond à votre demande à distance raisonnable d'un local proposé." };
  }
  for (const job of jobs) if (!jobsInReach.has(job.offer.id)) keep('job', { ok: false, code: 'job-too-far' });
  const chosen = pickDiverse(drafts.sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  return { bundles: chosen.map((d, index) => toProposal(d, index + 1, request)), rejections: sortedRejections(rejections) };
}

function shortlistOrder(request: BundleRequest, premises: readonly PremisesFit[], aidsByCommune: ReadonlyMap<InseeCommuneCode, PlaceAids>): PremisesFit[] {
  const own = (p: PremisesFit) =>
    [...premisesTerms(request, p), ...aidsTerms(aidsByCommune.get(p.candidate.offer.details.communeCode) ?? null)].reduce((sum, t) => sum + t.contribution, 0);
  return premises
    .map((p) => ({ p, score: own(p) }))
    .sort((a, b) => b.score - a.score || (a.p.candidate.offer.id < b.p.candidate.offer.id ? -1 : 1))
    .map(({ p }) => p);
}

function missingComponent(request: BundleRequest, premisesCount: number, housingCount: number): string | null {
  if (request.needs.premises && premisesCount === 0) return 'Aucun local ne respecte vos critères (type, surface, loyer, date de disponibilité, distance) pour le moment.';
  if (request.needs.housing && housingCount === 0) return 'Aucun logement ne respecte vos critères (dates, public accueilli, loyer, distance du lieu de stage) pour le moment.';
  return null;
}

function draft(request: BundleRequest, p: PremisesFit | null, h: HousingFit | null, j: JobFit | null, aidsByCommune: ReadonlyMap<InseeCommuneCode, PlaceAids>, housingMaxKm: number): Draft {
  const communeCode = p?.candidate.offer.details.communeCode ?? h?.candidate.offer.details.communeCode ?? request.targets[0]?.communeCode ?? '';
  const place = aidsByCommune.get(communeCode) ?? null;
  const terms = [...(p ? premisesTerms(request, p) : []), ...(h ? housingTerms(request, h, housingMaxKm) : []), ...(j ? jobTerms(request, j) : []), ...aidsTerms(place)];
  const total = round2(terms.reduce((sum, t) => sum + t.contribution, 0));
  const key = `${p?.candidate.offer.id ?? '-'}|${h?.candidate.offer.id ?? '-'}|${j?.candidate.offer.id ?? '-'}`;
  return { key, premises: p, housing: h, job: j, communeCode, place, terms, total };
}

function term(code: keyof typeof SCORE_WEIGHTS, value: number, label: string): ScoreTerm {
  const clamped = Math.min(1, Math.max(0, value));
  const weight = SCORE_WEIGHTS[code];
  return { code, label, weight, value: round3(clamped), contribution: round2(weight * clamped) };
}

function premisesTerms(request: BundleRequest, p: PremisesFit): ScoreTerm[] {
  const d = p.candidate.offer.details;
  const budget = request.needs.premises?.maxMonthlyRent.amountCents;
  return [
    p.distanceKm === null
      ? term('premises-distance', 0.5, 'Local dans un département souhaité')
      : term('premises-distance', 1 - p.distanceKm / request.radiusKm, `Local à ${formatKm(p.distanceKm)} de ${p.nearestTarget ?? 'la commune souhaitée'}`),
    term('premises-rent', budget ? 1 - d.monthlyRent.amountCents / budget : 0.5, `Loyer du local : ${formatEuros(d.monthlyRent.amountCents)} par mois`),
  ];
}

function housingTerms(request: BundleRequest, h: HousingFit, maxKm: number): ScoreTerm[] {
  const d = h.candidate.offer.details;
  const budget = request.needs.housing?.maxMonthlyRent.amountCents;
  const where = request.internship?.name ?? 'lieu de stage';
  return [
    h.distanceKm === null
      ? term('housing-distance', 0.5, 'Distance du logement au lieu de stage inconnue')
      : term('housing-distance', 1 - h.distanceKm / maxKm, `Logement à ${formatKm(h.distanceKm)} de ${where}`),
    term('housing-price', budget ? 1 - d.monthlyPrice.amountCents / budget : 0.5, `Loyer du logement : ${formatEuros(d.monthlyPrice.amountCents)} par mois`),
  ];
}

function jobTerms(request: BundleRequest, j: JobFit): ScoreTerm[] {
  return [term('job-commute', 1 - j.distanceKm / commuteLimitKm(request), `Emploi du conjoint (${j.candidate.offer.details.title}) à ${formatKm(j.distanceKm)} du lieu d'exercice`)];
}

function aidsTerms(place: PlaceAids | null): ScoreTerm[] {
  if (!place) return [];
  const cents = place.combination.total.amountCents;
  return [term('aids', cents / AIDS_REFERENCE_CENTS, cents > 0 ? `Aides ouvertes par la commune : ${formatEuros(cents)} estimés` : 'Aucune aide chiffrée ouverte par la commune')];
}

/** Keeps the best few of a component by its own terms (ties on id), so combining stays small. */
function top<T extends { candidate: { offer: { id: string } } }>(items: T[], terms: (item: T) => ScoreTerm[]): T[] {
  return items
    .map((item) => ({ item, score: terms(item).reduce((s, t) => s + t.contribution, 0) }))
    .sort((a, b) => b.score - a.score || (a.item.candidate.offer.id < b.item.candidate.offer.id ? -1 : 1))
    .slice(0, TOP_PER_COMPONENT)
    .map(({ item }) => item);
}

/** Best bundles first, but one per distinct premises (or housing) before repeating one. */
function pickDiverse(sorted: readonly Draft[]): Draft[] {
  const anchorOf = (d: Draft) => d.premises?.candidate.offer.id ?? d.housing?.candidate.offer.id ?? d.job?.candidate.offer.id ?? d.key;
  const chosen: Draft[] = [];
  const anchors = new Set<string>();
  for (const d of sorted) {
    if (chosen.length === MAX_BUNDLES) break;
    if (anchors.has(anchorOf(d))) continue;
    anchors.add(anchorOf(d));
    chosen.push(d);
  }
  for (const d of sorted) {
    if (chosen.length === MAX_BUNDLES) break;
    if (!chosen.includes(d)) chosen.push(d);
  }
  return chosen.sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));
}

function toProposal(d: Draft, rank: number, request: BundleRequest): BundleProposal {
  const distancesKm: BundleDistances = {
    ...(d.premises?.distanceKm != null ? { practiceToTarget: roundKm(d.premises.distanceKm) } : {}),
    ...(d.housing?.distanceKm != null ? { housingToInternship: roundKm(d.housing.distanceKm) } : {}),
    ...(d.job ? { jobToPractice: roundKm(d.job.distanceKm) } : {}),
  };
  return {
    key: d.key,
    rank,
    communeCode: d.communeCode,
    zone: d.place?.zone ?? null,
    ...(d.premises ? { premisesOfferId: d.premises.candidate.offer.id } : {}),
    ...(d.housing ? { housingOfferId: d.housing.candidate.offer.id } : {}),
    ...(d.job ? { jobOfferId: d.job.candidate.offer.id } : {}),
    distancesKm,
    score: { total: d.total, terms: d.terms },
    aids: d.place?.combination ?? null,
    explanation: explain(d, rank, request),
  };
}

function explain(d: Draft, rank: number, request: BundleRequest): string {
  const parts: string[] = [];
  if (d.premises) {
    const p = d.premises.candidate.offer.details;
    parts.push(`local « ${p.title} » (${p.surfaceM2} m², ${formatEuros(p.monthlyRent.amountCents)} par mois)${d.premises.distanceKm === null ? '' : ` à ${formatKm(d.premises.distanceKm)} de ${d.premises.nearestTarget}`}`);
  }
  if (d.housing) {
    const h = d.housing.candidate.offer.details;
    const near = d.housing.distanceKm === null ? '' : ` à ${formatKm(d.housing.distanceKm)} de ${request.internship?.name ?? 'votre lieu de stage'}`;
    parts.push(`logement « ${h.title} » (${formatEuros(h.monthlyPrice.amountCents)} par mois)${near}`);
  }
  if (d.job) parts.push(`emploi pour votre conjoint(e) : « ${d.job.candidate.offer.details.title} » à ${formatKm(d.job.distanceKm)}`);
  if (d.place && d.place.combination.total.amountCents > 0) parts.push(`aides estimées : ${formatEuros(d.place.combination.total.amountCents)}`);
  const best = [...d.terms].sort((a, b) => b.contribution - a.contribution || (a.code < b.code ? -1 : 1))[0];
  const why = best ? ` Point fort : ${best.label.charAt(0).toLowerCase()}${best.label.slice(1)}.` : '';
  return `Proposition ${rank} (score ${d.total.toFixed(1).replace('.', ',')} sur 100) : ${parts.join(' ; ')}.${why}`;
}

function sortById<T extends { offer: { id: string } }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.offer.id < b.offer.id ? -1 : a.offer.id > b.offer.id ? 1 : 0));
}

function sortedRejections(rejections: ReadonlyMap<string, OfferRejection>): OfferRejection[] {
  return [...rejections.values()].sort((a, b) => (a.offerKind + a.code < b.offerKind + b.code ? -1 : 1));
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

