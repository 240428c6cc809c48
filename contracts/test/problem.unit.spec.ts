import { describe, expect, it } from '@jest/globals';
import {
  fieldOfPointer,
  problemFromValidationErrors,
  problemTypes,
  validateInstallationRequestComplete,
  validateInstallationRequestDraft,
  validateOfferInput,
  validateProblem,
} from '../src/index.js';
import type { ValidationError } from '../src/index.js';

function errorsOf(result: { ok: true } | { ok: false; errors: ValidationError[] }): ValidationError[] {
  if (result.ok) throw new Error('expected invalid input');
  return result.errors;
}

function detailsOf(errors: ValidationError[]): Record<string, string> {
  return Object.fromEntries(problemFromValidationErrors(errors).errors?.map((e) => [e.field, e.detail]) ?? []);
}

describe('problemFromValidationErrors', () => {
  it('builds a valid RFC 9457 problem with title and instance', () => {
    const errors = errorsOf(validateInstallationRequestDraft({ status: 'chef' }));
    const problem = problemFromValidationErrors(errors, { title: 'Brouillon invalide', instance: '/v1/requests/42' });
    expect(problem).toMatchObject({ type: problemTypes.validation, title: 'Brouillon invalide', status: 400, instance: '/v1/requests/42' });
    expect(problem.detail).toBe('Un champ est invalide.');
    expect(validateProblem(problem).ok).toBe(true);
  });

  it('names each missing field of a submission in French', () => {
    const details = detailsOf(errorsOf(validateInstallationRequestComplete({ status: 'intern' })));
    expect(details).toMatchObject({
      identity: 'champ obligatoire',
      contact: 'champ obligatoire',
      specialty: 'champ obligatoire',
      targets: 'champ obligatoire',
      faculty: 'champ obligatoire',
      internship: 'champ obligatoire',
    });
  });

  it('gives one French message per field and keyword', () => {
    const details = detailsOf(
      errorsOf(
        validateInstallationRequestDraft({
          surprise: true,
          identity: { firstName: 'x'.repeat(101) },
          contact: { email: 'pas-un-email', homeCommuneCode: '2C004' },
          status: 'chef',
          rpps: '10001234566',
          targets: { communes: ['37261', '37261'], radiusKm: 500, departements: ['37', '2A', '2B', '41', '45', '18', '28', '36', '86', '79', '17'] },
          desiredInstallationDate: '2027-02-30',
          practice: { daysPerWeek: 'quatre' },
          notes: '<script>alert(1)</script>',
        }),
      ),
    );
    expect(details).toEqual({
      surprise: 'champ inconnu',
      'identity.firstName': '100 caractères au maximum',
      'contact.email': 'adresse e-mail invalide',
      'contact.homeCommuneCode': 'code INSEE de commune invalide (5 caractères : chiffres, ou 2A/2B pour la Corse)',
      status: 'valeur non autorisée (valeurs possibles : student, intern, junior-doctor, graduated-doctor, installed-doctor, doctor)',
      rpps: 'numéro RPPS invalide (la clé de contrôle ne correspond pas)',
      'targets.communes': 'éléments en double (positions 0 et 1)',
      'targets.radiusKm': 'doit être inférieur ou égal à 200',
      'targets.departements': '10 éléments au maximum',
      desiredInstallationDate: 'date invalide (format AAAA-MM-JJ)',
      'practice.daysPerWeek': 'type attendu : nombre',
      notes: 'les caractères < et > et les caractères de contrôle ne sont pas autorisés',
    });
  });

  it('points into arrays with brackets', () => {
    expect(fieldOfPointer('/targets/communes/0')).toBe('targets.communes[0]');
    expect(fieldOfPointer('', 'identity')).toBe('identity');
    expect(fieldOfPointer('/a~1b/c~0d')).toBe('a/b.c~d');
    const details = detailsOf(errorsOf(validateInstallationRequestDraft({ targets: { communes: ['37261', '2C004'] } })));
    expect(details['targets.communes[1]']).toMatch(/code INSEE/);
  });

  it('sums up "communes or départements" instead of listing both branches', () => {
    const errors = errorsOf(validateInstallationRequestComplete({ targets: { radiusKm: 10 } }));
    expect(detailsOf(errors).targets).toBe("renseignez au moins l'un des champs : communes, departements");
  });

  it('reports the chosen variant of a discriminated offer, not every variant', () => {
    const unknownKind = detailsOf(errorsOf(validateOfferInput({ kind: 'car', details: {} })));
    expect(unknownKind).toEqual({ kind: 'valeur non autorisée' });
    const housing = detailsOf(errorsOf(validateOfferInput({ kind: 'housing', details: { title: 'Studio', communeCode: '37072', beds: 0 } })));
    expect(housing).toMatchObject({
      'details.beds': 'doit être supérieur ou égal à 1',
      'details.monthlyPrice': 'champ obligatoire',
      'details.availablePeriods': 'champ obligatoire',
    });
    expect(Object.keys(housing).some((f) => f.includes('surfaceM2'))).toBe(false);
  });

  it('says which type was expected, in French', () => {
    const details = detailsOf(errorsOf(validateInstallationRequestDraft({ consents: { ars: 'oui' }, previousAids: {} })));
    expect(details).toEqual({ 'consents.ars': 'type attendu : booléen (true ou false)', previousAids: 'type attendu : liste' });
  });
});
