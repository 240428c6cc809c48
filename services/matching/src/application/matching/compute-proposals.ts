import type { Bundle, EligibilityResult, EligibilityVerdict, ProposalSet } from '@guichet/contracts';
import type { CommuneDirectory, OfferSource } from '../../read-model/index.js';
import { eligibilityPlace } from '../eligibility-place.js';
import { internshipPlaceOf } from '../internship-place.js';
import { uuidFrom } from '../ids.js';
import { EligibilityCache } from '../eligibility-cache.js';
import type { ReferenceSnapshot } from '../reference-data.js';
import { toBundleRequest } from './bundle-request.js';
import { candidateOffers } from './candidate-offers.js';
import { eligibilityProfile, previousAidsOf, type MatchingRequest } from './matching-request.js';
import { describeChanges, improvementOf } from './proposal-changes.js';
import { bestCombination, type BundleComputation, type BundleProposal, type BundleRequest, bundlesFrom, checkCandidates, type CheckedCandidates, evaluateEligibility, placeFactsKey, type PlaceAids } from '../../domain/index.js';

export interface MatchingContext {
  readonly offers: OfferSource;
  readonly communes: CommuneDirectory;
  readonly reference: ReferenceSnapshot;
  /** Shared across computations; without it each computation evaluates its places itself. */
  readonly eligibility?: EligibilityCache;
}

export interface ProposalInput {
  readonly requestId: string;
  readonly requestVersion: number;
  readonly request: MatchingRequest;
  readonly trigger: ProposalSet['trigger'];
  /** Id of the event that caused this computation: with the request id, it names the proposal set. */
  readonly triggerEventId: string;
  /**
   * The revision of the request the computation starts from: a computation made again after
   * another write of the request won names a set of its own (0, a new request, adds nothing).
   */
  readonly basedOnRevision?: number;
  /** Time of that event: the computation's time and reference date (never the clock), unless the previous set is later. */
  readonly at: string;
  readonly previous?: ProposalSet;
  readonly excludedOfferIds?: readonly string[];
  /** Why this is recomputed, told to the candidate first (e.g. « Zonage modifié … »). */
  readonly why?: readonly string[];
}

/**
 * Proposals for one request: candidates from the spatial index, hard constraints and explainable
 * scores from the domain's bundle builder, the aids each place opens from the eligibility engine.
 * Deterministic: the same input (request, offers, reference data, trigger) gives the same set,
 * ids included.
 */
export function computeProposals(ctx: MatchingContext, input: ProposalInput): ProposalSet {
  const at = computedAtOf(input.at, input.previous);
  const date = at.slice(0, 10);
  const bundleRequest = toBundleRequest(input.requestId, input.request, ctx.communes);
  const excluded = new Set(input.excludedOfferIds ?? []);
  const check = (onlyMatchingJobs: boolean) => checkCandidates(bundleRequest, candidateOffers(bundleRequest, ctx.offers, ctx.communes, excluded, { onlyMatchingJobs }));
  const checked = check(true);
  const eligibility = eligibilityOf(ctx, input.request, date);

  const aidsByCommune = new Map<string, PlaceAids>();
  for (const insee of landingCommunes(bundleRequest, checked)) {
    const aids = eligibility.placeAids(insee);
    if (aids) aidsByCommune.set(insee, aids);
  }
  const computation = bundlesFrom(bundleRequest, checked, aidsByCommune);
  const bundles = computation.bundles.flatMap((proposal) => {
    const result = eligibility.shown(proposal.communeCode);
    return result ? [toBundle(input.requestId, proposal, result)] : [];
  });
  const name = (insee: string) => ctx.communes.get(insee)?.name ?? insee;
  const changes = describeChanges(input.previous, bundles, input.why ?? [], name);
  const improvement = improvementOf(input.previous, bundles);
  return {
    proposalSetId: uuidFrom('proposal-set', input.requestId, input.triggerEventId, ...(input.basedOnRevision ? [String(input.basedOnRevision)] : [])),
    requestId: input.requestId,
    requestVersion: input.requestVersion,
    computedAt: at,
    trigger: input.trigger,
    bundles,
    ...(changes !== undefined ? { changes } : {}),
    ...(improvement ? { improvement } : {}),
    // The reasons of an empty answer count every offer left out, jobs of another trade included.
    ...(bundles.length === 0 ? { noBundleReason: noBundleReason(bundlesFrom(bundleRequest, check(false), aidsByCommune)) } : {}),
  };
}

/**
 * When a set is computed: at its trigger's time, but always after the set it replaces, since
 * whoever reads the proposals (intake, the candidate, the caseworkers) keeps the set computed
 * last. A trigger can be stamped earlier than the current set — an offer published before the
 * request came in and re-matched after it, or another service's clock behind intake's — and its
 * set would then be taken for an old one and dropped, while matching holds it as current and
 * emits nothing more until the bundles change again.
 */
function computedAtOf(at: string, previous: ProposalSet | undefined): string {
  if (!previous) return at;
  const after = Date.parse(previous.computedAt) + 1;
  return Date.parse(at) >= after ? at : new Date(after).toISOString();
}

/** Communes a bundle may land in, so only their aids are evaluated: those of premises that pass the hard constraints. */
function landingCommunes(request: BundleRequest, checked: CheckedCandidates): Set<string> {
  const communes = new Set<string>();
  if (request.needs.premises) {
    for (const fit of checked.premises) communes.add(fit.candidate.offer.details.communeCode);
  } else if (request.needs.housing) {
    for (const fit of checked.housing) communes.add(fit.candidate.offer.details.communeCode);
  }
  if (request.targets[0]) communes.add(request.targets[0].communeCode);
  return communes;
}

interface RequestEligibility {
  /** What a commune's aids add to the score of bundles there (shared by places with the same facts). */
  placeAids(insee: string): PlaceAids | null;
  /** The full answer shown with a bundle: every verdict with its reasons, hints towards nearby communes. */
  shown(insee: string): EligibilityResult | null;
}

/** Eligibility of the request's profile at its reference date, through the cache shared by computations. */
function eligibilityOf(ctx: MatchingContext, request: MatchingRequest, date: string): RequestEligibility {
  const profile = eligibilityProfile(request);
  const previousAids = previousAidsOf(request);
  const { catalogue, zoning } = ctx.reference;
  const cache = ctx.eligibility ?? new EligibilityCache();
  const internshipPlace = internshipPlaceOf(ctx.communes, zoning, request, date);
  const who = JSON.stringify([profile, previousAids, date, internshipPlace && [internshipPlace.commune.insee, internshipPlace.distances]]);
  const evaluate = (insee: string, withHints: boolean): EligibilityResult | null => {
    const place = eligibilityPlace(ctx.communes, zoning, insee, date, { withHints });
    if (!place) return null;
    const verdicts: EligibilityVerdict[] = evaluateEligibility({ profile, place, ...(internshipPlace ? { internshipPlace } : {}), at: date, previousAids, catalogue, zoning });
    return { communeInsee: insee, ...(place.zone !== null ? { zone: place.zone } : {}), referenceDate: date, verdicts, bestCombination: bestCombination(verdicts, catalogue) };
  };
  return {
    placeAids: (insee) => {
      const commune = ctx.communes.get(insee);
      if (!commune) return null;
      return cache.placeAids(ctx.reference, `${placeFactsKey({ profile, at: date, catalogue, zoning }, commune)}|${who}`, () => {
        const result = evaluate(insee, false);
        return result ? { zone: result.zone ?? null, combination: result.bestCombination } : null;
      });
    },
    shown: (insee) =>
      cache.result(ctx.reference, `${insee}|${who}`, () => {
        const result = evaluate(insee, true);
        return result ? explainedForProposal(result) : null;
      }),
  };
}

/**
 * What a bundle carries of its commune's eligibility: the verdict, amount and hint of every scheme
 * that covers the commune (national ones, and the local authorities' own aids of this territory),
 * all the reasons of the aids in reach, and for an aid out of reach the criteria it fails — which
 * is what explains it. A local aid of another territory (a département's grant seen from a commune
 * of its neighbour) explains nothing about this place: it was nearly half of the verdicts of a
 * bundle, sent to the candidate and every partner. Met, unknown and informative criteria of an
 * aid out of reach explain nothing either. The simulation keeps every scheme and every criterion.
 */
function explainedForProposal(result: EligibilityResult): EligibilityResult {
  const verdicts = result.verdicts.flatMap((verdict) => {
    if (verdict.status !== 'not-eligible') return [verdict];
    const failing = verdict.reasons.filter((reason) => reason.outcome === 'not-met');
    if (failing.some((reason) => reason.criterion === 'territory')) return [];
    return [failing.length > 0 ? { ...verdict, reasons: failing } : verdict];
  });
  return { ...result, verdicts };
}

function toBundle(requestId: string, proposal: BundleProposal, eligibility: EligibilityResult): Bundle {
  return {
    id: uuidFrom('bundle', requestId, proposal.key),
    rank: proposal.rank,
    communeCode: proposal.communeCode,
    // A commune no zoning order covers has no known zone, which is not « hors zonage » (none).
    ...(proposal.zone !== null ? { zone: proposal.zone } : {}),
    ...(proposal.premisesOfferId ? { premisesOfferId: proposal.premisesOfferId } : {}),
    ...(proposal.housingOfferId ? { housingOfferId: proposal.housingOfferId } : {}),
    ...(proposal.jobOfferId ? { jobOfferId: proposal.jobOfferId } : {}),
    distancesKm: proposal.distancesKm,
    score: proposal.score,
    eligibility,
    explanation: proposal.explanation,
  };
}

function noBundleReason({ noBundleReason: reason, rejections }: BundleComputation): string {
  const main = reason ?? 'Aucune proposition ne correspond à votre demande pour le moment.';
  if (rejections.length === 0) return main;
  const detail = [...rejections]
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1))
    .slice(0, 6)
    .map((r) => `${r.count} : ${r.message}`)
    .join(' ; ');
  return `${main} Offres écartées — ${detail}.`;
}
