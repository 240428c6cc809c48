import { fieldErrorsFromValidationErrors, validateInstallationRequestComplete, validateInstallationRequestDraft } from '@guichet/contracts';
import type { FieldError, InstallationRequestDraft } from '@guichet/contracts';

// The same validators and French messages as the intake service (contracts/schemas).

export function draftErrors(data: InstallationRequestDraft): FieldError[] {
  const result = validateInstallationRequestDraft(data);
  return result.ok ? [] : fieldErrorsFromValidationErrors(result.errors);
}

/** What the service will refuse at submission; date coherence and the commune list are checked there. */
export function submissionErrors(data: InstallationRequestDraft): FieldError[] {
  const result = validateInstallationRequestComplete(data);
  const errors = result.ok ? [] : fieldErrorsFromValidationErrors(result.errors);
  return [...errors, ...dateErrors(data)];
}

function before(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(a) && /^\d{4}-\d{2}-\d{2}$/.test(b) && a > b;
}

/** Date ranges the schema cannot express: an end before its start. */
export function dateErrors(data: InstallationRequestDraft): FieldError[] {
  const errors: FieldError[] = [];
  if (before(data.internship?.startDate, data.internship?.endDate)) {
    errors.push({ field: 'internship.endDate', detail: 'la fin du stage précède son début' });
  }
  if (before(data.needs?.housing?.from, data.needs?.housing?.until)) {
    errors.push({ field: 'needs.housing.until', detail: 'la fin de la période de logement précède son début' });
  }
  const premises = data.needs?.premises;
  if (premises?.surfaceM2Min !== undefined && premises.surfaceM2Max !== undefined && premises.surfaceM2Max < premises.surfaceM2Min) {
    errors.push({ field: 'needs.premises.surfaceM2Max', detail: 'la surface maximale est inférieure à la surface minimale' });
  }
  return errors;
}
