import { describe, expect, it } from '@jest/globals';
import { at, complete, places } from './case.fixtures.js';
import { checkCompleteness } from './request-checks.js';

const RPPS = '10001234565';

describe('the candidate’s situation on submission', () => {
  it('a docteur junior (4th-year trainee, from November 2026) states the placement: a request without it is not filed (domain facts §9)', () => {
    const { internship: _internship, ...withoutPlacement } = complete;
    expect(checkCompleteness({ ...withoutPlacement, status: 'junior-doctor' }, at(1), places)).toMatchObject({ ok: false, errors: [{ field: 'internship' }] });
    expect(checkCompleteness({ ...complete, status: 'junior-doctor' }, at(1), places).ok).toBe(true);
    // As an intern does (the contract's own rule).
    expect(checkCompleteness({ ...withoutPlacement, status: 'intern' }, at(1), places)).toMatchObject({ ok: false, errors: [{ field: 'internship' }] });
  });

  it('an installed doctor gives the installation date, which cannot be in the future', () => {
    const missing = checkCompleteness({ ...complete, status: 'installed-doctor', rpps: RPPS }, at(1), places);
    expect(missing).toMatchObject({ ok: false, errors: [{ field: 'installedSince' }] });
    const future = checkCompleteness({ ...complete, status: 'installed-doctor', rpps: RPPS, installedSince: '2027-01-01' }, at(1), places);
    expect(future.ok).toBe(false);
    expect(checkCompleteness({ ...complete, status: 'installed-doctor', rpps: RPPS, installedSince: '2024-09-01' }, at(1), places).ok).toBe(true);
  });

  it('a request recorded with the former « médecin thésé » still validates; every doctor who has defended the thesis gives the RPPS number', () => {
    expect(checkCompleteness({ ...complete, status: 'doctor', rpps: RPPS }, at(1), places).ok).toBe(true);
    expect(checkCompleteness({ ...complete, status: 'graduated-doctor' }, at(1), places)).toMatchObject({ ok: false, errors: [{ field: 'rpps' }] });
  });
});
