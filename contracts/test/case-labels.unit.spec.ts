import { describe, expect, it } from '@jest/globals';
import { auditActionLabel, auditFieldLabel, caseworkerTargets, requestFieldLabel } from '../src/index.js';

describe('the case in French, one dictionary for the service and the screens', () => {
  it('names the request’s fields, indices included', () => {
    expect(requestFieldLabel('targets.communes[2]')).toBe('communes souhaitées (n° 3)');
    expect(requestFieldLabel('internship')).toBe('stage');
  });

  it('names an audit entry’s fields, never a raw path when a name exists', () => {
    expect(auditFieldLabel('data.needs.housing.from')).toBe('début du logement');
    expect(auditFieldLabel('data.needs.housing.maxMonthlyRent.currency')).toBe('loyer maximal du logement');
    expect(auditFieldLabel('status')).toBe('statut du dossier');
    expect(auditFieldLabel('infoRequests.e1000000-0000-4000-8000-000000000001')).toBe('demandes d’information');
  });

  it('says what each command did', () => {
    expect(auditActionLabel('update-request')).toBe('Demande modifiée');
    expect(auditActionLabel('change-status')).toBe('Statut changé');
  });

  it('offers a caseworker only the moves the lifecycle allows', () => {
    expect(caseworkerTargets('proposals_ready')).toEqual(['under_review', 'closed']);
    expect(caseworkerTargets('under_review')).toEqual(['awaiting_candidate', 'closed']);
    expect(caseworkerTargets('installed')).toEqual([]);
  });
});
