import type { IsoDate } from '@guichet/contracts';
import type { CommuneDirectory } from '../read-model/index.js';
import { distanceKm, type EligibilityPlace, type ZoningTimeline } from '../domain/index.js';
import { eligibilityPlace } from './eligibility-place.js';
import type { MatchingRequest } from './matching/matching-request.js';

/**
 * Where a request's internship happens (a docteur junior's 4th-year placement, an intern's
 * semester), as the internship aids judge it: the commune with its zone and classifications, and
 * its distances from the CHU and from home, straight lines between the communes' reference points
 * (the criteria conclude only « farther than » from them). None without an internship.
 */
export function internshipPlaceOf(communes: CommuneDirectory, zoning: ZoningTimeline, request: Pick<MatchingRequest, 'internship' | 'homeCommuneCode'>, date: IsoDate): EligibilityPlace | undefined {
  const { internship, homeCommuneCode } = request;
  if (!internship) return undefined;
  const site = communes.location(internship.communeCode);
  const from = (insee: string | undefined) => {
    const other = insee === undefined ? null : communes.location(insee);
    return site && other ? Math.round(distanceKm(site, other) * 10) / 10 : undefined;
  };
  const fromChuKm = from(internship.chuCommuneCode);
  const fromHomeKm = from(homeCommuneCode);
  const distances = { ...(fromChuKm === undefined ? {} : { fromChuKm }), ...(fromHomeKm === undefined ? {} : { fromHomeKm }) };
  const place = eligibilityPlace(communes, zoning, internship.communeCode, date, { withHints: false, distances });
  return place ? { ...place, distancesAsTheCrowFlies: true } : undefined;
}
