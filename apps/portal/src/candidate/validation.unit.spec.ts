import { describe, expect, it } from '@jest/globals';
import { problemFromValidationErrors, validateInstallationRequestDraft } from '@guichet/contracts';
import { stepOfField } from './form-model.js';
import { draftErrors, submissionErrors } from './validation.js';

describe('checks of the request form', () => {
  it('gives the same French messages as the services for a draft', () => {
    const draft = { contact: { email: 'pas-une-adresse', phone: '12' }, rpps: '12345678901' };
    const result = validateInstallationRequestDraft(draft);
    const asService = result.ok ? [] : (problemFromValidationErrors(result.errors).errors ?? []);
    expect(draftErrors(draft)).toEqual(asService);
    expect(draftErrors(draft)).toEqual(
      expect.arrayContaining([
        { field: 'contact.email', detail: 'adresse e-mail invalide' },
        { field: 'rpps', detail: 'numéro RPPS invalide (la clé de contrôle ne correspond pas)' },
      ]),
    );
  });

  it('lists what is missing before submission', () => {
    const fields = submissionErrors({ status: 'doctor' }).map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['identity', 'contact', 'specialty', 'desiredInstallationDate', 'consents']));
  });

  it('refuses an internship that ends before it starts', () => {
    expect(submissionErrors({ internship: { startDate: '2026-11-02', endDate: '2026-05-01' } })).toContainEqual({
      field: 'internship.endDate',
      detail: 'la fin du stage précède son début',
    });
  });

  it('sends each error to the step that shows its field', () => {
    expect(stepOfField('contact.email')).toBe('identite');
    expect(stepOfField('internship.endDate')).toBe('stage');
    expect(stepOfField('targets.communes[0]')).toBe('installation');
    expect(stepOfField('needs.housing.until')).toBe('logement');
    expect(stepOfField('needs.spouseJob.profession')).toBe('conjoint');
    expect(stepOfField('needs.premises.surfaceM2Min')).toBe('locaux');
    expect(stepOfField('previousAids[2].receivedOn')).toBe('aides');
    expect(stepOfField('consents.ordre')).toBe('consentements');
    expect(stepOfField('notes')).toBe('recapitulatif');
  });
});
