import type { Offer, ProposalSet } from '@guichet/contracts';
import type { CommuneDirectory } from '../../read-model/index.js';
import type { Reach } from '../ports.js';
import { DEFAULT_TARGET_RADIUS_KM } from './bundle-request.js';
import type { MatchingRequest } from './matching-request.js';
import { type Coordinates, DEFAULT_COMMUTE_MAX_KM, DEFAULT_HOUSING_MAX_KM, distanceKm, type Located } from '../../domain/index.js';

const KM_PER_DEGREE = 111.2;

interface Anchor {
  readonly point: Coordinates;
  readonly km: number;
}

/** Places of a request and how far from each an offer can still serve it. */
function anchorsOf(request: MatchingRequest, communes: CommuneDirectory): Anchor[] {
  const radius = request.targets.radiusKm ?? DEFAULT_TARGET_RADIUS_KM;
  const commute = request.needs.spouseJob ? (request.needs.spouseJob.maxCommuteKm ?? DEFAULT_COMMUTE_MAX_KM) : 0;
  const anchors: Anchor[] = [];
  for (const insee of request.targets.communes ?? []) {
    const point = communes.location(insee);
    if (point) anchors.push({ point, km: radius + commute });
  }
  const site = request.internship ? communes.location(request.internship.communeCode) : null;
  if (site) anchors.push({ point: site, km: Math.max(DEFAULT_HOUSING_MAX_KM, commute) });
  return anchors;
}

/** Where a change can touch this request, stored with it so re-matching finds it without scanning every request. */
export function reachOf(request: MatchingRequest, communes: CommuneDirectory, proposals: ProposalSet | undefined): Reach {
  const anchors = anchorsOf(request, communes);
  const boxes = anchors.map(({ point, km }) => {
    const dLat = km / KM_PER_DEGREE;
    const dLng = km / (KM_PER_DEGREE * Math.max(0.1, Math.cos((point.lat * Math.PI) / 180)));
    return { minLat: point.lat - dLat, maxLat: point.lat + dLat, minLng: point.lng - dLng, maxLng: point.lng + dLng };
  });
  const bundles = proposals?.bundles ?? [];
  const departements = new Set([...(request.targets.departements ?? []), ...(request.targets.communes ?? []).map((c) => communes.get(c)?.departement ?? '')]);
  departements.delete('');
  return {
    // An empty box (no located place) matches no area query; départements and communes still do.
    minLat: Math.min(...boxes.map((b) => b.minLat), 91),
    maxLat: Math.max(...boxes.map((b) => b.maxLat), -91),
    minLng: Math.min(...boxes.map((b) => b.minLng), 181),
    maxLng: Math.max(...boxes.map((b) => b.maxLng), -181),
    departements: [...departements].sort(),
    communes: [...new Set([...(request.targets.communes ?? []), ...(request.internship ? [request.internship.communeCode] : []), ...bundles.map((b) => b.communeCode)])].sort(),
    offerIds: [...new Set(bundles.flatMap((b) => [b.premisesOfferId, b.housingOfferId, b.jobOfferId].filter((id): id is string => id !== undefined)))].sort(),
  };
}

/** Whether an available offer could enter this request's bundles: the same places and distances the candidate search uses. */
export function offerConcerns(request: MatchingRequest, offer: Located<Offer>, communes: CommuneDirectory): boolean {
  const { needs } = request;
  const radius = request.targets.radiusKm ?? DEFAULT_TARGET_RADIUS_KM;
  const targets = (request.targets.communes ?? []).flatMap((c) => communes.location(c) ?? []);
  const site = request.internship ? communes.location(request.internship.communeCode) : null;
  const inDepartements = offer.offer.territory.departements.some((d) => (request.targets.departements ?? []).includes(d));
  const within = (points: readonly Coordinates[], km: number) => offer.location !== null && points.some((p) => distanceKm(p, offer.location!) <= km);
  switch (offer.offer.kind) {
    case 'premises':
      return needs.premises !== undefined && (within(targets, radius) || inDepartements);
    case 'housing':
      return needs.housing !== undefined && (site ? within([site], DEFAULT_HOUSING_MAX_KM) : within(targets, radius) || inDepartements);
    case 'job': {
      const commute = needs.spouseJob?.maxCommuteKm ?? DEFAULT_COMMUTE_MAX_KM;
      return needs.spouseJob !== undefined && (within(targets, radius + commute) || within(site ? [site] : [], commute) || inDepartements);
    }
  }
}

/** Whether a commune whose zoning changed can change this request's aids: a bundle or wished place, or a commune premises may lie in. */
export function zoningConcerns(request: MatchingRequest, reach: Reach | undefined, communeCode: string, communes: CommuneDirectory): boolean {
  if (reach?.communes.includes(communeCode)) return true;
  const commune = communes.get(communeCode);
  if (!commune) return false;
  if ((request.targets.departements ?? []).includes(commune.departement)) return true;
  const radius = request.targets.radiusKm ?? DEFAULT_TARGET_RADIUS_KM;
  return commune.location !== null && (request.targets.communes ?? []).some((c) => {
    const point = communes.location(c);
    return point !== null && distanceKm(point, commune.location!) <= radius;
  });
}
