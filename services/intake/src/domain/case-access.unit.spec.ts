import { describe, expect, it } from '@jest/globals';
import { organisationOf } from './access-log.js';
import { candidateAccess, caseworkerAccess } from './case-access.js';
import { CANDIDATE, complete, createDraft, given, submit } from './case.fixtures.js';

describe('who reaches a case', () => {
  const submitted = given(createDraft(complete), submit()).state;
  const draft = given(createDraft(complete)).state;

  it('gives a candidate their own cases only', () => {
    expect(candidateAccess(submitted, CANDIDATE)).toEqual({ ok: true });
    expect(candidateAccess(submitted, 'someone-else')).toEqual({ ok: false, reason: 'not-found' });
  });

  it('gives a caseworker the cases of their most precise territory, never a draft', () => {
    expect(caseworkerAccess(submitted, { regions: ['24'], departements: [] })).toEqual({ ok: true });
    expect(caseworkerAccess(submitted, { regions: ['24'], departements: ['37'] })).toEqual({ ok: true });
    expect(caseworkerAccess(submitted, { regions: ['24'], departements: ['45'] })).toEqual({ ok: false, reason: 'out-of-territory' });
    expect(caseworkerAccess(submitted, { regions: ['11'], departements: [] })).toEqual({ ok: false, reason: 'out-of-territory' });
    expect(caseworkerAccess(submitted, { regions: [], departements: [] })).toEqual({ ok: false, reason: 'out-of-territory' });
    expect(caseworkerAccess(draft, { regions: ['24'], departements: [] })).toEqual({ ok: false, reason: 'not-found' });
  });

  it('names the body a caseworker acts for, as the candidate reads it', () => {
    expect(organisationOf('caseworker-ars', { regions: ['24'], departements: [] })).toBe('ARS Centre-Val de Loire');
    // An ARS is regional: a département in its claims still names its région, as matching does.
    expect(organisationOf('caseworker-ars', { regions: [], departements: ['37'] })).toBe('ARS Centre-Val de Loire');
    expect(organisationOf('caseworker-cpam', { regions: ['24'], departements: ['37'] })).toBe('CPAM Indre-et-Loire');
    expect(organisationOf('caseworker-cpam', { regions: ['24'], departements: [] })).toBe('CPAM Centre-Val de Loire');
    expect(organisationOf('partner', { regions: ['24'], departements: [] })).toBeUndefined();
  });
});
