import { describe, expect, it } from '@jest/globals';
import { covers, departementInScope, departementOfCommune, departementsInScope, departementsOfRegion, regionOfDepartement, scopeOf, touches } from '../src/index.js';

const cpam37 = scopeOf({ regions: ['24'], departements: ['37'] });
const arsCentre = scopeOf({ regions: ['24'], departements: [] });
const candidate = scopeOf({ regions: [], departements: [] });

describe('territory policy: the most precise scope of the caller wins', () => {
  it('reads a token naming a région and a département as the département alone', () => {
    expect(cpam37).toEqual({ level: 'departement', codes: ['37'] });
    expect(arsCentre).toEqual({ level: 'region', codes: ['24'] });
    expect(candidate).toEqual({ level: 'none' });
  });

  it('lets a CPAM of the 37 act on the 37 only, not on the other départements of its région', () => {
    expect(departementInScope(cpam37, '37', regionOfDepartement)).toBe(true);
    expect(departementInScope(cpam37, '41', regionOfDepartement)).toBe(false);
    expect(touches(cpam37, { regions: ['24'], departements: ['41'] }, regionOfDepartement)).toBe(false);
    expect(departementsInScope(cpam37, departementsOfRegion)).toEqual(['37']);
  });

  it('lets an ARS of région 24 act on each département of Centre-Val de Loire and nowhere else', () => {
    expect(departementsInScope(arsCentre, departementsOfRegion).sort()).toEqual(['18', '28', '36', '37', '41', '45']);
    expect(touches(arsCentre, { regions: ['24'], departements: ['41'] }, regionOfDepartement)).toBe(true);
    expect(touches(arsCentre, { regions: ['11'], departements: ['75'] }, regionOfDepartement)).toBe(false);
  });

  it('reads an area touched by one of its places, writes it only when every place is in scope', () => {
    const both = { departements: ['37', '41'] };
    expect(touches(cpam37, both, regionOfDepartement)).toBe(true);
    expect(covers(cpam37, both, regionOfDepartement)).toBe(false);
    expect(covers(cpam37, { departements: ['41', '37'] }, regionOfDepartement)).toBe(false);
    expect(covers(arsCentre, both, regionOfDepartement)).toBe(true);
    expect(covers(cpam37, { communes: ['37072'] }, regionOfDepartement)).toBe(true);
    expect(covers(cpam37, { communes: ['37072', '41018'] }, regionOfDepartement)).toBe(false);
  });

  it('keeps a whole région for région-level scopes: a département does not speak for its neighbours', () => {
    expect(covers(cpam37, { regions: ['24'] }, regionOfDepartement)).toBe(false);
    expect(covers(arsCentre, { regions: ['24'] }, regionOfDepartement)).toBe(true);
  });

  it('gives nothing to a caller without territory, and covers no empty area', () => {
    expect(touches(candidate, { regions: ['24'], departements: ['37'] }, regionOfDepartement)).toBe(false);
    expect(covers(arsCentre, {}, regionOfDepartement)).toBe(false);
    expect(departementsInScope(candidate, departementsOfRegion)).toEqual([]);
  });

  it('finds the département of Corsican and overseas communes', () => {
    expect(['2A004', '97411', '37261'].map(departementOfCommune)).toEqual(['2A', '974', '37']);
  });
});
