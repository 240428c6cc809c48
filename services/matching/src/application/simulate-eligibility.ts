import { fieldErrorsFromValidationErrors, validateEligibilitySimulationRequest, type EligibilityResult } from '@guichet/contracts';
import type { CommuneDirectory } from '../read-model/index.js';
import { eligibilityPlace } from './eligibility-place.js';
import type { Runtime } from './ports.js';
import type { ReferenceData } from './reference-data.js';
import { invalid, ok, type Result } from './result.js';
import { bestCombination, evaluateEligibility, zoneAt } from '../domain/index.js';

export interface SimulationDeps {
  readonly communes: CommuneDirectory;
  readonly reference: ReferenceData;
  readonly runtime: Runtime;
}

/**
 * « What if I settle here »: every scheme's verdict, reasons and amount for a profile and a
 * commune, without an account and without personal data. Pure computation over the catalogue
 * and zoning held in memory.
 */
export function simulateEligibility(deps: SimulationDeps, body: unknown): Result<EligibilityResult> {
  const checked = validateEligibilitySimulationRequest(body);
  if (!checked.ok) return invalid(fieldErrorsFromValidationErrors(checked.errors));
  const request = checked.value;
  const referenceDate = request.referenceDate ?? deps.runtime.now().toISOString().slice(0, 10);
  const { catalogue, zoning } = deps.reference.snapshot();
  const place = eligibilityPlace(deps.communes, zoning, request.communeInsee, referenceDate, {
    withHints: true,
    ...(request.distances ? { distances: request.distances } : {}),
  });
  if (!place) return invalid([{ field: 'communeInsee', detail: 'code INSEE inconnu' }]);
  const verdicts = evaluateEligibility({ profile: request.profile, place, at: referenceDate, previousAids: request.previousAids ?? [], catalogue, zoning });
  const zone = zoneAt(zoning, request.communeInsee, referenceDate);
  return ok({
    communeInsee: request.communeInsee,
    ...(zone !== null ? { zone } : {}),
    referenceDate,
    verdicts,
    bestCombination: bestCombination(verdicts, catalogue),
  });
}
