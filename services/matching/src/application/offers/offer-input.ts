import { fieldErrorsFromValidationErrors, validateOfferInput, type FieldError, type OfferInput, type RegionCode, type Territory } from '@guichet/contracts';
import type { Commune } from '@guichet/territory';
import type { CommuneDirectory } from '../../read-model/index.js';

export type CheckedInput = { readonly ok: true; readonly input: OfferInput; readonly commune: Commune } | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * The contract check of an offer body, then what a schema cannot say: the commune exists in the
 * reference, a period does not end before it starts. Field names are those of the body
 * (`details.communeCode`).
 */
export function checkOfferInput(body: unknown, communes: CommuneDirectory): CheckedInput {
  const checked = validateOfferInput(body);
  if (!checked.ok) return { ok: false, errors: fieldErrorsFromValidationErrors(checked.errors) };
  const input = checked.value;
  const errors: FieldError[] = [];
  const commune = communes.get(input.details.communeCode);
  if (!commune) errors.push({ field: 'details.communeCode', detail: 'code INSEE inconnu' });
  if (input.kind === 'housing') {
    const hospital = input.details.nearbyHospital?.communeCode;
    if (hospital !== undefined && !communes.get(hospital)) errors.push({ field: 'details.nearbyHospital.communeCode', detail: 'code INSEE inconnu' });
    input.details.availablePeriods.forEach((period, i) => {
      if (period.until < period.from) errors.push({ field: `details.availablePeriods[${i}].until`, detail: 'la fin de la période précède son début' });
    });
  }
  if (errors.length > 0 || !commune) return { ok: false, errors };
  return { ok: true, input, commune };
}

export function territoryOf(commune: Commune): Territory {
  return { regions: [commune.region as RegionCode], departements: [commune.departement], communes: [commune.insee] };
}

export function outOfTerritory(commune: Commune): string {
  return `La commune ${commune.name} (${commune.insee}) est hors de votre territoire : un compte rattaché à un département ne publie que dans ce département, un compte régional dans sa région.`;
}
