import { describe, expect, it } from '@jest/globals';
import { departementName, regionName, regionOfDepartement } from '@guichet/territory';
import { placeInDeskTerritory, type TerritoryLookup } from './desk-territory.js';

const communes: Record<string, { region: string; departement: string }> = {
  '37261': { region: '24', departement: '37' },
  '75056': { region: '11', departement: '75' },
  '2A004': { region: '94', departement: '2A' },
};
const lookup: TerritoryLookup = {
  regionOfCommune: (insee) => communes[insee]?.region,
  regionOfDepartement,
  regionName,
};
const departementOf = (insee: string) => communes[insee]?.departement;

describe('territory of the desk', () => {
  it('takes a request with at least one target in the served regions, keeping only those', () => {
    const decision = placeInDeskTerritory({ communes: ['37261', '75056'], departements: ['36'] }, ['24'], lookup, departementOf);
    expect(decision).toEqual({ ok: true, territory: { regions: ['24'], departements: ['36', '37'], communes: ['37261'] } });
  });

  it('refuses a request whose every target is elsewhere, naming the desk that serves it', () => {
    const decision = placeInDeskTerritory({ communes: ['2A004'], departements: [] }, ['24'], lookup, departementOf);
    expect(decision).toEqual({
      ok: false,
      servingRegions: ['94'],
      detail: 'Ce guichet sert la région Centre-Val de Loire. Votre projet relève du guichet de la région Corse : adressez-lui votre demande.',
    });
    expect(departementName('2A')).toBe('Corse-du-Sud');
  });
});
