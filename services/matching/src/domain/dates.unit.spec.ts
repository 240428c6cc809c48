import { describe, expect, it } from '@jest/globals';
import { addDays, addYears, coveredMonths, formatDateFr, wholeMonthsBetween } from './dates.js';

describe('calendar dates', () => {
  it('adds days and years on the calendar', () => {
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addYears('2020-03-01', 10)).toBe('2030-03-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });

  it('counts whole months between two dates', () => {
    expect(wholeMonthsBetween('2025-01-15', '2026-01-14')).toBe(11);
    expect(wholeMonthsBetween('2025-01-15', '2026-01-15')).toBe(12);
  });

  it('counts a semester from early November to the end of April as 6 months', () => {
    expect(coveredMonths('2026-11-02', '2027-05-01')).toBe(6);
    expect(coveredMonths('2026-11-02', '2026-11-01')).toBe(0);
  });

  it('displays dates the French way', () => {
    expect(formatDateFr('2026-01-01')).toBe('01/01/2026');
  });
});
