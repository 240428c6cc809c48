import type { BundleDistances, InseeCommuneCode, ScoreTerm } from '@guichet/contracts';
import type { BundleCandidates, BundleComputation, BundleProposal, BundleRequest, OfferRejection, PlaceAids } from './bundle-types.js';
import type { Check, HousingFit, JobFit, PremisesFit } from './bundle-constraints.js';
import { DEFAULT_HOUSING_MAX_KM, checkHousing, checkJobOffer, checkPremises, commuteLimitKm, jobWithinReach, rejectionMessage } from './bundle-constraints.js';
import { formatKm, roundKm, type Coordinates } from './geo.js';
import { formatEuros } from './money.js';

export const MAX_BUNDLES = 3;
/** Alternatives kept per component before combining: enough for three distinct bundles, few enough to stay cheap. */
const TOP_PER_COMPONENT = 3;
/**
 * Premises tried with the spouse's jobs, best first by their own terms and their commune's aids;
 * more only when too few of them have a job within reach. Keeps a dense town to a bounded cost.
 */
const PREMISES_SHORTLIST = 20;
/**
 * Bounds on a bundle's score add up rounded terms in another order than its total: this margin
 * keeps a premises that could tie with a bundle kept (and win on ids) from being skipped.
 */
const ROUNDING_SLACK = 0.05;
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
  readonly total: number;
}

/** Premises and housing that pass the hard constraints, and why the others were left out. */
export interface CheckedCandidates {
  /** Premises that pass, in no particular order. */
  readonly premises: readonly PremisesFit[];
  /** The best three housings that pass, best first. */
  readonly housing: readonly HousingFit[];
  readonly jobs: BundleCandidates['jobs'];
  readonly housingMaxKm: number;
  readonly rejected: RejectionCounts;
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
  return bundlesFrom(request, checkCandidates(request, candidates, options), aidsByCommune);
}

/**
 * First half of `buildBundles`: the hard constraints on premises and housing, which tell in which
 * communes a bundle may land (so that only their aids are evaluated) before any bundle is built.
 */
export function checkCandidates(request: BundleRequest, candidates: BundleCandidates, options: BundleOptions = {}): CheckedCandidates {
  const rejected = new RejectionCounts();
  const { needs } = request;
  const housingMaxKm = options.housingMaxKm ?? DEFAULT_HOUSING_MAX_KM;
  const premises: PremisesFit[] = [];
  if (needs.premises) for (const c of candidates.premises) rejected.keep('premises', checkPremises(request, c), premises);
  const housingAnchor = request.internship?.location ?? null;
  const passing: HousingFit[] = [];
  if (needs.housing) for (const c of candidates.housing) rejected.keep('housing', checkHousing(request, c, housingAnchor, housingMaxKm), passing);
  const housing = top(passing, (h) => addHousingScore(0, request, h, housingMaxKm));
  return { premises, housing, jobs: candidates.jobs, housingMaxKm, rejected };
}

/** Second half of `buildBundles`: spouse's jobs, combinations, scores and the three bundles kept. */
export function bundlesFrom(request: BundleRequest, checked: CheckedCandidates, aidsByCommune: ReadonlyMap<InseeCommuneCode, PlaceAids>): BundleComputation {
  const rejected = new RejectionCounts(checked.rejected);
  const { needs } = request;
  const { premises, housing, housingMaxKm } = checked;

  const missing = missingComponent(request, premises.length, housing.length);
  if (missing) return { bundles: [], rejections: rejected.list(), noBundleReason: missing };

  const shortlist: { readonly p: PremisesFit | null; readonly own: number }[] = needs.premises ? shortlistOrder(request, premises, aidsByCommune) : [{ p: null, own: 0 }];
  const housingChoices: (HousingFit | null)[] = needs.housing ? [...housing] : [null];
  const jobs: BundleCandidates['jobs'][number][] = [];
  if (needs.spouseJob) for (const c of checked.jobs) rejected.keep('job', checkJobOffer(request, c), jobs);
  const jobsInReach = new Set<string>();
  // Premises of one commune share its point: the jobs within reach are found once per point.
  const jobChoicesAt = new Map<string, (JobFit | null)[]>();
  const jobChoicesFrom = (anchor: Coordinates | null): (JobFit | null)[] => {
    if (!needs.spouseJob) return [null];
    const key = anchor ? `${anchor.lat},${anchor.lng}` : '-';
    let choices = jobChoicesAt.get(key);
    if (!choices) {
      const reachable: JobFit[] = [];
      for (const c of jobs) {
        const fit = jobWithinReach(request, c, anchor);
        if (!fit) continue;
        reachable.push(fit);
        jobsInReach.add(c.offer.id);
      }
      choices = top(reachable, (j) => addJobScore(0, request, j));
      jobChoicesAt.set(key, choices);
    }
    return choices;
  };
  // The most a housing and a job can add to premises: the best housing kept and a job next door.
  const lift = (housing[0] ? addHousingScore(0, request, housing[0], housingMaxKm) : 0) + (needs.spouseJob ? SCORE_WEIGHTS['job-commute'] : 0);
  const drafts: Draft[] = [];
  /** Best bundle of each premises examined, best first, three at most: what `pickDiverse` keeps first. */
  const leaders: Draft[] = [];
  let premisesWithBundles = 0;
  for (const [index, { p, own }] of shortlist.entries()) {
    // Past the shortlist, go on only while fewer than three premises have led to a bundle.
    if (index >= PREMISES_SHORTLIST && premisesWithBundles >= MAX_BUNDLES) break;
    // Premises come by their own score, best first: once even the best housing and a job next door
    // cannot lift one to the best bundle of the third premises kept, none after it can take its place.
    if (p && leaders.length === MAX_BUNDLES && own + lift + ROUNDING_SLACK < leaders[MAX_BUNDLES - 1]!.total) break;
    const jobAnchor = p?.candidate.location ?? request.internship?.location ?? request.targets.find((t) => t.location)?.location ?? null;
    const jobChoices = jobChoicesFrom(jobAnchor);
    if (jobChoices.length === 0) continue;
    premisesWithBundles += 1;
    let best: Draft | null = null;
    for (const h of housingChoices) {
      for (const j of jobChoices) {
        const d = draft(request, p, h, j, aidsByCommune, housingMaxKm);
        drafts.push(d);
        if (!best || byRank(d, best) < 0) best = d;
      }
    }
    leaders.push(best!);
    leaders.sort(byRank);
    if (leaders.length > MAX_BUNDLES) leaders.pop();
  }
  if (drafts.length === 0) {
    rejected.add('job', 'job-too-far', jobs.length);
    return { bundles: [], rejections: rejected.list(), noBundleReason: "Aucun emploi pour votre conjoint(e) ne correspond à votre demande à distance raisonnable d'un local proposé." };
  }
  rejected.add('job', 'job-too-far', jobs.length - jobsInReach.size);
  const chosen = pickDiverse(drafts.sort(byRank));
  return { bundles: chosen.map((d, index) => toProposal(d, index + 1, request, termsOf(d, request, housingMaxKm))), rejections: rejected.list() };
}

/** Offers left out, counted by kind and reason, so that an empty answer can be explained. */
class RejectionCounts {
  private readonly counts: Map<string, OfferRejection>;

  constructor(from?: RejectionCounts) {
    this.counts = new Map(from?.counts);
  }

  /** Appends the checked value to `passing`, or counts one more offer of this kind left out for its reason. */
  keep<T>(kind: OfferRejection['offerKind'], check: Check<T>, passing: T[]): void {
    if (check.ok) passing.push(check.value);
    else this.add(kind, check.code, 1);
  }

  add(kind: OfferRejection['offerKind'], code: string, count: number): void {
    if (count === 0) return;
    const key = `${kind}:${code}`;
    const previous = this.counts.get(key);
    this.counts.set(key, { offerKind: kind, code, count: (previous?.count ?? 0) + count, message: rejectionMessage(code) });
  }

  list(): OfferRejection[] {
    return [...this.counts.values()].sort((a, b) => (a.offerKind + a.code < b.offerKind + b.code ? -1 : 1));
  }
}

function shortlistOrder(request: BundleRequest, premises: readonly PremisesFit[], aidsByCommune: ReadonlyMap<InseeCommuneCode, PlaceAids>): { p: PremisesFit; own: number }[] {
  const own = (p: PremisesFit) => addAidsScore(addPremisesScore(0, request, p), aidsByCommune.get(p.candidate.offer.details.communeCode) ?? null);
  return premises.map((p) => ({ p, own: own(p) })).sort((a, b) => b.own - a.own || (a.p.candidate.offer.id < b.p.candidate.offer.id ? -1 : 1));
}

/** Ranking of bundles: higher total first, then offer ids. */
function byRank(a: Draft, b: Draft): number {
  return b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function missingComponent(request: BundleRequest, premisesCount: number, housingCount: number): string | null {
  if (request.needs.premises && premisesCount === 0) return 'Aucun local ne respecte vos critères (type, surface, loyer, date de disponibilité, distance) pour le moment.';
  if (request.needs.housing && housingCount === 0) return 'Aucun logement ne respecte vos critères (dates, public accueilli, loyer, distance du lieu de stage) pour le moment.';
  return null;
}

function draft(request: BundleRequest, p: PremisesFit | null, h: HousingFit | null, j: JobFit | null, aidsByCommune: ReadonlyMap<InseeCommuneCode, PlaceAids>, housingMaxKm: number): Draft {
  const communeCode = p?.candidate.offer.details.communeCode ?? h?.candidate.offer.details.communeCode ?? request.targets[0]?.communeCode ?? '';
  const place = aidsByCommune.get(communeCode) ?? null;
  let sum = 0;
  if (p) sum = addPremisesScore(sum, request, p);
  if (h) sum = addHousingScore(sum, request, h, housingMaxKm);
  if (j) sum = addJobScore(sum, request, j);
  const total = round2(addAidsScore(sum, place));
  const key = `${p?.candidate.offer.id ?? '-'}|${h?.candidate.offer.id ?? '-'}|${j?.candidate.offer.id ?? '-'}`;
  return { key, premises: p, housing: h, job: j, communeCode, place, total };
}

/** The terms of a chosen bundle, labels included; their contributions add up, in this order, to the draft's total. */
function termsOf(d: Draft, request: BundleRequest, housingMaxKm: number): ScoreTerm[] {
  return [
    ...(d.premises ? premisesTerms(request, d.premises) : []),
    ...(d.housing ? housingTerms(request, d.housing, housingMaxKm) : []),
    ...(d.job ? jobTerms(request, d.job) : []),
    ...aidsTerms(d.place),
  ];
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
const contribution = (code: keyof typeof SCORE_WEIGHTS, value: number) => round2(SCORE_WEIGHTS[code] * clamp01(value));

function term(code: keyof typeof SCORE_WEIGHTS, value: number, label: string): ScoreTerm {
  return { code, label, weight: SCORE_WEIGHTS[code], value: round3(clamp01(value)), contribution: contribution(code, value) };
}

// Ranking compares many drafts and keeps three: their scores are added up from these values, the
// same ones and in the same order as the terms below, without writing the French labels.
const premisesDistanceValue = (request: BundleRequest, p: PremisesFit) => (p.distanceKm === null ? 0.5 : 1 - p.distanceKm / request.radiusKm);
const premisesRentValue = (request: BundleRequest, p: PremisesFit) => {
  const budget = request.needs.premises?.maxMonthlyRent.amountCents;
  return budget ? 1 - p.candidate.offer.details.monthlyRent.amountCents / budget : 0.5;
};
const housingDistanceValue = (h: HousingFit, maxKm: number) => (h.distanceKm === null ? 0.5 : 1 - h.distanceKm / maxKm);
const housingPriceValue = (request: BundleRequest, h: HousingFit) => {
  const budget = request.needs.housing?.maxMonthlyRent.amountCents;
  return budget ? 1 - h.candidate.offer.details.monthlyPrice.amountCents / budget : 0.5;
};
const jobCommuteValue = (request: BundleRequest, j: JobFit) => 1 - j.distanceKm / commuteLimitKm(request);
const aidsValue = (place: PlaceAids) => place.combination.total.amountCents / AIDS_REFERENCE_CENTS;

function addPremisesScore(sum: number, request: BundleRequest, p: PremisesFit): number {
  return sum + contribution('premises-distance', premisesDistanceValue(request, p)) + contribution('premises-rent', premisesRentValue(request, p));
}

function addHousingScore(sum: number, request: BundleRequest, h: HousingFit, maxKm: number): number {
  return sum + contribution('housing-distance', housingDistanceValue(h, maxKm)) + contribution('housing-price', housingPriceValue(request, h));
}

function addJobScore(sum: number, request: BundleRequest, j: JobFit): number {
  return sum + contribution('job-commute', jobCommuteValue(request, j));
}

function addAidsScore(sum: number, place: PlaceAids | null): number {
  return place ? sum + contribution('aids', aidsValue(place)) : sum;
}

function premisesTerms(request: BundleRequest, p: PremisesFit): ScoreTerm[] {
  const rent = p.candidate.offer.details.monthlyRent.amountCents;
  const distance = premisesDistanceValue(request, p);
  return [
    p.distanceKm === null
      ? term('premises-distance', distance, 'Local dans un département souhaité')
      : term('premises-distance', distance, `Local à ${formatKm(p.distanceKm)} de ${p.nearestTarget ?? 'la commune souhaitée'}`),
    term('premises-rent', premisesRentValue(request, p), `Loyer du local : ${formatEuros(rent)} par mois`),
  ];
}

function housingTerms(request: BundleRequest, h: HousingFit, maxKm: number): ScoreTerm[] {
  const price = h.candidate.offer.details.monthlyPrice.amountCents;
  const where = request.internship?.name ?? 'lieu de stage';
  const distance = housingDistanceValue(h, maxKm);
  return [
    h.distanceKm === null
      ? term('housing-distance', distance, 'Distance du logement au lieu de stage inconnue')
      : term('housing-distance', distance, `Logement à ${formatKm(h.distanceKm)} de ${where}`),
    term('housing-price', housingPriceValue(request, h), `Loyer du logement : ${formatEuros(price)} par mois`),
  ];
}

function jobTerms(request: BundleRequest, j: JobFit): ScoreTerm[] {
  return [term('job-commute', jobCommuteValue(request, j), `Emploi du conjoint (${j.candidate.offer.details.title}) à ${formatKm(j.distanceKm)} du lieu d'exercice`)];
}

function aidsTerms(place: PlaceAids | null): ScoreTerm[] {
  if (!place) return [];
  const cents = place.combination.total.amountCents;
  return [term('aids', aidsValue(place), cents > 0 ? `Aides ouvertes par la commune : ${formatEuros(cents)} estimés` : 'Aucune aide chiffrée ouverte par la commune')];
}

/** Keeps the best few of a component by its own score (ties on id), so combining stays small. */
function top<T extends { candidate: { offer: { id: string } } }>(items: T[], score: (item: T) => number): T[] {
  return items
    .map((item) => ({ item, score: score(item) }))
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

function toProposal(d: Draft, rank: number, request: BundleRequest, terms: ScoreTerm[]): BundleProposal {
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
    score: { total: d.total, terms },
    aids: d.place?.combination ?? null,
    explanation: explain(d, rank, request, terms),
  };
}

function explain(d: Draft, rank: number, request: BundleRequest, terms: readonly ScoreTerm[]): string {
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
  const best = [...terms].sort((a, b) => b.contribution - a.contribution || (a.code < b.code ? -1 : 1))[0];
  const why = best ? ` Point fort : ${best.label.charAt(0).toLowerCase()}${best.label.slice(1)}.` : '';
  return `Proposition ${rank} (score ${d.total.toFixed(1).replace('.', ',')} sur 100) : ${parts.join(' ; ')}.${why}`;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

