import { fieldErrorsFromValidationErrors, validateEligibilitySimulationRequest, type EligibilityResult } from '@guichet/contracts';
import type { CommuneDirectory } from '../read-model/index.js';
import { eligibilityPlace } from './eligibility-place.js';
import type { Runtime } from './ports.js';
import type { ReferenceData } from './reference-data.js';
import { invalid, ok, type Result } from './result.js';
import { addYears, arreteAt, bestCombination, evaluateEligibility, zoneAt } from '../domain/index.js';

// A semester, or the year of a junior doctor: a longer span is a typing mistake, and its months
// would be paid out as internship aid (an estimate of more than 20 years breaks the contract).
const MAX_INTERNSHIP_YEARS = 2;

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
  const internship = request.profile.internship;
  if (internship && internship.endDate <= internship.startDate) {
    return invalid([{ field: 'profile.internship.endDate', detail: 'la date de fin du stage doit suivre sa date de début' }]);
  }
  if (internship && internship.endDate > addYears(internship.startDate, MAX_INTERNSHIP_YEARS)) {
    return invalid([{ field: 'profile.internship.endDate', detail: `un stage dure au plus ${MAX_INTERNSHIP_YEARS} ans : vérifiez ses dates` }]);
  }
  const referenceDate = request.referenceDate ?? deps.runtime.now().toISOString().slice(0, 10);
  const { catalogue, zoning } = deps.reference.snapshot();
  const place = eligibilityPlace(deps.communes, zoning, request.communeInsee, referenceDate, {
    withHints: true,
    ...(request.distances ? { distances: request.distances } : {}),
  });
  if (!place) return invalid([{ field: 'communeInsee', detail: 'code INSEE inconnu' }]);
  const verdicts = evaluateEligibility({ profile: request.profile, place, at: referenceDate, previousAids: request.previousAids ?? [], catalogue, zoning });
  const zone = zoneAt(zoning, request.communeInsee, referenceDate);
  const arrete = arreteAt(zoning, request.communeInsee, referenceDate);
  return ok({
    communeInsee: request.communeInsee,
    ...(zone !== null ? { zone } : {}),
    ...(arrete ? { zoneArrete: arrete } : {}),
    referenceDate,
    verdicts,
    bestCombination: bestCombination(verdicts, catalogue),
  });
}
