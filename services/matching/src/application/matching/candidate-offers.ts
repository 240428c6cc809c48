import type { Offer } from '@guichet/contracts';
import { commuteLimitKm, jobMatchesNeed } from '../../domain/bundle-constraints.js';
import type { CommuneDirectory, OfferOfKind, OfferSource } from '../../read-model/index.js';
import { DEFAULT_HOUSING_MAX_KM, distanceKm, type BundleCandidates, type BundleRequest, type Coordinates, type Located } from '../../domain/index.js';

export interface CandidateOptions {
  /**
   * Spouse jobs of the wished trade, sector and working time only: the index skips the others
   * (most jobs within reach) instead of handing them to the builder, which would only count them
   * among the reasons of an empty answer.
   */
  readonly onlyMatchingJobs?: boolean;
}

/**
 * The offers a request can use, found through the spatial index: premises around the wished
 * communes or in the wished départements, housing around the internship site, spouse jobs
 * within commuting distance of those premises (or of the internship site, or of the wished
 * communes). A superset: the bundle builder applies the hard constraints.
 */
export function candidateOffers(request: BundleRequest, offers: OfferSource, communes: CommuneDirectory, excluded: ReadonlySet<string>, options: CandidateOptions = {}): BundleCandidates {
  const { needs } = request;
  const located = request.targets.flatMap((t) => (t.location ? [t.location] : []));
  const departementsOfTargets = [...new Set([...request.targetDepartements, ...request.targets.map((t) => communes.get(t.communeCode)?.departement ?? '')])].filter(Boolean);

  const premises = needs.premises
    ? collect(excluded, [
        ...offers.aroundAny('premises', located, request.radiusKm),
        ...offers.inDepartements('premises', request.targetDepartements),
        ...offers.unlocatedIn('premises', departementsOfTargets),
      ])
    : [];

  const site = request.internship?.location ?? null;
  const housingDepartements = request.internship ? [] : departementsOfTargets;
  const housing = needs.housing
    ? collect(
        excluded,
        site
          ? [...offers.around('housing', site, DEFAULT_HOUSING_MAX_KM), ...offers.unlocatedIn('housing', departementsNear(communes, site))]
          : [...offers.aroundAny('housing', located, request.radiusKm), ...offers.inDepartements('housing', [...request.targetDepartements, ...housingDepartements])],
      )
    : [];

  const matching = options.onlyMatchingJobs ? (job: OfferOfKind['job']) => jobMatchesNeed(request, job) : undefined;
  const jobs = needs.spouseJob ? collect(excluded, jobReach(request, premises, site, located).flatMap(({ points, km }) => offers.aroundAny('job', points, km, matching))) : [];
  return { premises, housing, jobs };
}

/**
 * Where the spouse's commute is measured from, as few points as cover it: a job within commuting
 * distance of premises within the radius of a wished commune lies within radius + commute of that
 * commune; premises found by département only are their own anchors (offers of one commune share a point).
 */
function jobReach(request: BundleRequest, premises: readonly Located<OfferOfKind['premises']>[], site: Coordinates | null, targets: readonly Coordinates[]): { points: readonly Coordinates[]; km: number }[] {
  const commute = commuteLimitKm(request);
  if (!request.needs.premises) return [{ points: site ? [site] : targets, km: commute }];
  const reach: { points: readonly Coordinates[]; km: number }[] = [{ points: targets, km: request.radiusKm + commute }];
  const outside = new Map<string, Coordinates>();
  for (const p of premises) {
    if (p.location && !targets.some((t) => distanceKm(t, p.location!) <= request.radiusKm)) outside.set(`${p.location.lat},${p.location.lng}`, p.location);
  }
  if (outside.size > 0) reach.push({ points: [...outside.values()], km: commute });
  return reach;
}

function departementsNear(communes: CommuneDirectory, point: Coordinates): string[] {
  return [...new Set(communes.near(point, DEFAULT_HOUSING_MAX_KM).map((n) => n.commune.departement))];
}

function collect<T extends Offer>(excluded: ReadonlySet<string>, found: readonly Located<T>[]): Located<T>[] {
  const byId = new Map<string, Located<T>>();
  for (const candidate of found) if (!excluded.has(candidate.offer.id)) byId.set(candidate.offer.id, candidate);
  return [...byId.values()];
}
