import { describe, expect, it } from '@jest/globals';
import {
  isRppsNumber,
  validateDepartementCode,
  validateInseeCommuneCode,
  validateMoney,
  validatePostalCode,
  validateRegionCode,
  validateRppsNumber,
  validateSpecialty,
} from '../src/index.js';

describe('French formats', () => {
  it.each([
    ['10001234565', true],
    ['10000000009', true],
    ['10001234566', false],
    ['1000123456', false],
    ['1000123456A', false],
  ])('RPPS %s -> %s (Luhn check digit)', (rpps, expected) => {
    expect(isRppsNumber(rpps)).toBe(expected);
    expect(validateRppsNumber(rpps).ok).toBe(expected);
  });

  it.each([
    ['37261', true],
    ['2A004', true],
    ['2B033', true],
    ['97411', true],
    ['2C004', false],
    ['3726', false],
    ['372610', false],
    ['2a004', false],
  ])('INSEE commune code %s -> %s', (code, expected) => {
    expect(validateInseeCommuneCode(code).ok).toBe(expected);
  });

  it.each([
    ['01', true],
    ['37', true],
    ['2A', true],
    ['2B', true],
    ['95', true],
    ['971', true],
    ['976', true],
    ['20', false],
    ['96', false],
    ['977', false],
    ['00', false],
    ['1', false],
  ])('département code %s -> %s', (code, expected) => {
    expect(validateDepartementCode(code).ok).toBe(expected);
  });

  it('knows the current regions and postal codes', () => {
    expect(validateRegionCode('24').ok).toBe(true);
    expect(validateRegionCode('94').ok).toBe(true);
    expect(validateRegionCode('25').ok).toBe(false);
    expect(validatePostalCode('20000').ok).toBe(true);
    expect(validatePostalCode('2A000').ok).toBe(false);
  });

  it('takes specialties from the closed list only', () => {
    expect(validateSpecialty('medecine-generale').ok).toBe(true);
    expect(validateSpecialty('Médecine générale').ok).toBe(false);
  });

  it('counts money in integer cents of euro', () => {
    expect(validateMoney({ amountCents: 1000000, currency: 'EUR' }).ok).toBe(true);
    expect(validateMoney({ amountCents: 10.5, currency: 'EUR' }).ok).toBe(false);
    expect(validateMoney({ amountCents: 100, currency: 'USD' }).ok).toBe(false);
    expect(validateMoney({ amountCents: -1, currency: 'EUR' }).ok).toBe(false);
  });
});
