import { describe, expect, it } from '@jest/globals';
import { dateTextOfIso, isoOfDateText } from './date-text.js';

describe('dates typed as JJ/MM/AAAA', () => {
  it('reads the day first, whatever the browser language', () => {
    expect(isoOfDateText('01/05/2027')).toEqual({ kind: 'date', iso: '2027-05-01' });
    expect(isoOfDateText(' 1/5/2027 ')).toEqual({ kind: 'date', iso: '2027-05-01' });
    expect(isoOfDateText('2027-05-01')).toEqual({ kind: 'date', iso: '2027-05-01' });
  });

  it('refuses a date that does not exist or another format, with a French message', () => {
    expect(isoOfDateText('31/02/2027')).toEqual({ kind: 'invalid', message: 'cette date n’existe pas (31/02/2027)' });
    expect(isoOfDateText('05/13/2027').kind).toBe('invalid');
    expect(isoOfDateText('mai 2027').kind).toBe('invalid');
    expect(isoOfDateText('')).toEqual({ kind: 'empty' });
  });

  it('shows a stored date the French way', () => {
    expect(dateTextOfIso('2027-05-01')).toBe('01/05/2027');
    expect(dateTextOfIso(undefined)).toBe('');
  });
});
