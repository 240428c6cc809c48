import type { CommuneDirectory } from '../../read-model/index.js';
import type { MatchingRequest } from './matching-request.js';
import { type BundleRequest, type TargetCommune } from '../../domain/index.js';

/** Radius around the wished communes when the request gives none. */
export const DEFAULT_TARGET_RADIUS_KM = 20;

/** The request as the bundle builder reads it, with the places located through the communes reference. */
export function toBundleRequest(requestId: string, request: MatchingRequest, communes: CommuneDirectory): BundleRequest {
  const targets: TargetCommune[] = (request.targets.communes ?? []).map((insee) => ({
    communeCode: insee,
    name: communes.get(insee)?.name ?? insee,
    location: communes.location(insee),
  }));
  const { internship } = request;
  return {
    requestId,
    candidateStatus: request.status,
    practiceMode: request.practice.mode,
    sector: request.practice.sector,
    targets,
    targetDepartements: request.targets.departements ?? [],
    radiusKm: request.targets.radiusKm ?? DEFAULT_TARGET_RADIUS_KM,
    ...(internship
      ? { internship: { name: internship.hospitalName, location: communes.location(internship.communeCode), startDate: internship.startDate, endDate: internship.endDate } }
      : {}),
    needs: request.needs,
  };
}
