import { describe, expect, it } from '@jest/globals';
import {
  CommuneIndex,
  communeIndex,
  departementName,
  departementsOfRegion,
  distanceKm,
  parseCommunesCsv,
  regionName,
  regionOfDepartement,
} from '../src/index.js';

const header = 'insee,region,departement,name,postal_code,lat,lng,area_km2,population_2021';

describe('communes reference', () => {
  it('keeps a commune without coordinates as an unknown place, never (0, 0)', () => {
    const [commune] = parseCommunesCsv(`${header}\n60694,32,60,Les Hauts-Talican,60390,,,13.03,543\n`);
    expect(commune?.location).toBeNull();
    expect(commune?.population).toBe(543);
  });

  it('refuses a file whose columns or codes are not the expected ones', () => {
    expect(() => parseCommunesCsv('code,nom\n01001,X\n')).toThrow(/unexpected header/);
    expect(() => parseCommunesCsv(`${header}\n37261,24,37,Tours\n`)).toThrow(/line 2/);
    expect(() => parseCommunesCsv(`${header}\n3726,24,37,Tours,37000,47.39,0.69,34.36,137658\n`)).toThrow(/INSEE/);
  });

  it('reads CRLF files and Corsican codes', () => {
    const communes = parseCommunesCsv(`${header}\r\n2A004,94,2A,Ajaccio,20000,41.93,8.74,82.03,71361\r\n`);
    expect(communes.map((c) => [c.insee, c.location])).toEqual([['2A004', { lat: 41.93, lng: 8.74 }]]);
  });

  it('loads every commune of the reference file, Corsica included', () => {
    const index = communeIndex();
    expect(index.size).toBeGreaterThan(34_000);
    expect(index.get('2A004')?.name).toBe('Ajaccio');
    expect(index.get('37261')?.departement).toBe('37');
    expect(index.get('99999')).toBeUndefined();
  });

  it('finds a commune by name without accents or hyphens, and by postal code', () => {
    const index = communeIndex();
    expect(index.search('chateauroux', 3).map((c) => c.insee)).toContain('36044');
    expect(index.search('37000', 5).every((c) => c.postalCode.startsWith('37000'))).toBe(true);
    expect(index.search('x')).toEqual([]);
  });

  it('ranks the most populated commune first among homonyms', () => {
    const index = new CommuneIndex(
      parseCommunesCsv(`${header}\n01001,84,01,Saint-Martin,01000,46,5,1,100\n02002,32,02,Saint-Martin,02000,49,3,1,9000\n`),
    );
    expect(index.search('saint martin').map((c) => c.insee)).toEqual(['02002', '01001']);
  });
});

describe('administrative names and distances', () => {
  it('names regions and départements from the official list', () => {
    expect(regionName('24')).toBe('Centre-Val de Loire');
    expect(departementName('2B')).toBe('Haute-Corse');
    expect(regionOfDepartement('37')).toBe('24');
    expect(departementsOfRegion('24').sort()).toEqual(['18', '28', '36', '37', '41', '45']);
  });

  it('measures great-circle distances (Tours – Orléans is about 105 km)', () => {
    const index = communeIndex();
    const tours = index.get('37261')?.location;
    const orleans = index.get('45234')?.location;
    if (!tours || !orleans) throw new Error('reference communes missing');
    expect(distanceKm(tours, orleans)).toBeGreaterThan(100);
    expect(distanceKm(tours, orleans)).toBeLessThan(112);
    expect(distanceKm(tours, tours)).toBe(0);
  });
});
