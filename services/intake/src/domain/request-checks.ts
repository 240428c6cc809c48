import { fieldErrorsFromValidationErrors, validateInstallationRequestComplete } from '@guichet/contracts';
import type { FieldError, InstallationRequestComplete, InstallationRequestDraft } from '@guichet/contracts';
import type { PlaceLookup } from './desk-territory.js';
import { fieldLabel } from './field-labels.js';

/** The calendar day of an instant, `YYYY-MM-DD` (UTC): dates of the form are days, not instants. */
export const dayOf = (instant: string): string => instant.slice(0, 10);

function unknownCommunes(draft: InstallationRequestDraft, places: PlaceLookup): FieldError[] {
  const codes: Array<[string, string | undefined]> = [
    ['contact.homeCommuneCode', draft.contact?.homeCommuneCode],
    ['internship.communeCode', draft.internship?.communeCode],
    ['internship.chuCommuneCode', draft.internship?.chuCommuneCode],
    ...(draft.targets?.communes ?? []).map((code, index): [string, string] => [`targets.communes[${index}]`, code]),
  ];
  return codes
    .filter((entry): entry is [string, string] => entry[1] !== undefined && places.regionOfCommune(entry[1]) === undefined)
    .map(([field, code]) => ({ field, detail: `code INSEE inconnu : aucune commune ne porte le code ${code}` }));
}

function unknownDepartements(draft: InstallationRequestDraft, places: PlaceLookup): FieldError[] {
  return (draft.targets?.departements ?? []).flatMap((code, index) =>
    places.regionOfDepartement(code) === undefined ? [{ field: `targets.departements[${index}]`, detail: `département inconnu : ${code}` }] : [],
  );
}

// A semester, or the year of a junior doctor: a longer span is a typing mistake, and matching would
// count it as months of internship aid.
const MAX_INTERNSHIP_YEARS = 2;

const addYears = (date: string, years: number): string => `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;

function incoherentDates(draft: InstallationRequestDraft, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const { internship, needs } = draft;
  if (internship?.startDate && internship.endDate && internship.endDate <= internship.startDate) {
    errors.push({ field: 'internship.endDate', detail: 'la date de fin du stage doit suivre sa date de début' });
  } else if (internship?.startDate && internship.endDate && internship.endDate > addYears(internship.startDate, MAX_INTERNSHIP_YEARS)) {
    errors.push({ field: 'internship.endDate', detail: `un stage dure au plus ${MAX_INTERNSHIP_YEARS} ans : vérifiez ses dates` });
  }
  const housing = needs?.housing;
  if (housing?.from && housing.until) {
    if (housing.until <= housing.from) errors.push({ field: 'needs.housing.until', detail: 'la fin du logement doit suivre son début' });
    else if (housing.until < today) errors.push({ field: 'needs.housing.until', detail: 'la période de logement est déjà passée' });
  }
  const premises = needs?.premises;
  if (premises?.surfaceM2Min !== undefined && premises.surfaceM2Max !== undefined && premises.surfaceM2Max < premises.surfaceM2Min) {
    errors.push({ field: 'needs.premises.surfaceM2Max', detail: 'la surface maximale doit être au moins égale à la surface minimale' });
  }
  if (draft.desiredInstallationDate && draft.desiredInstallationDate < today) {
    errors.push({ field: 'desiredInstallationDate', detail: 'la date d’installation souhaitée est déjà passée' });
  }
  if (draft.installedSince && draft.installedSince > today) {
    errors.push({ field: 'installedSince', detail: 'la date d’installation est dans le futur : un médecin pas encore installé choisit « Médecin thésé(e), pas encore installé(e) »' });
  }
  (draft.previousAids ?? []).forEach((aid, index) => {
    if (aid.receivedOn > today) errors.push({ field: `previousAids[${index}].receivedOn`, detail: 'une aide déjà reçue ne peut pas être datée dans le futur' });
  });
  return errors;
}

/**
 * Checks the schema cannot express: places exist in the reference, dates are coherent with each
 * other and with `now`. They hold for drafts too, so a draft never stores an impossible value.
 */
export function domainErrors(draft: InstallationRequestDraft, now: string, places: PlaceLookup): FieldError[] {
  return [...unknownCommunes(draft, places), ...unknownDepartements(draft, places), ...incoherentDates(draft, dayOf(now))];
}

export type CompletenessCheck = { ok: true; request: InstallationRequestComplete } | { ok: false; errors: FieldError[]; detail: string };

/** Every field missing or wrong for a submission, from the complete schema and the domain checks. */
export function checkCompleteness(draft: InstallationRequestDraft, now: string, places: PlaceLookup): CompletenessCheck {
  const schema = validateInstallationRequestComplete(draft);
  const errors = [...(schema.ok ? [] : fieldErrorsFromValidationErrors(schema.errors)), ...domainErrors(draft, now, places)];
  if (schema.ok && errors.length === 0) return { ok: true, request: schema.value };
  const names = [...new Set(errors.map((error) => fieldLabel(error.field)))];
  const detail =
    errors.length === 1
      ? `La demande ne peut pas être déposée : un champ est à compléter ou à corriger (${names.join(', ')}).`
      : `La demande ne peut pas être déposée : ${errors.length} champs sont à compléter ou à corriger (${names.join(', ')}).`;
  return { ok: false, errors, detail };
}
