import { describe, expect, it } from '@jest/globals';
import { communesCsv } from '../../test/shared-data.js';
import { communesByInsee, parseCommunesCsv } from './communes.js';

const HEADER = 'insee,region,departement,name,postal_code,lat,lng,area_km2,population_2021';

describe('communes reference file', () => {
  it('parses CRLF rows into communes with coordinates and population', () => {
    const [commune] = parseCommunesCsv(`${HEADER}\r\n37261,24,37,Tours,37000,47.39,0.69,34.36,137658\r\n`);
    expect(commune).toEqual({ insee: '37261', region: '24', departement: '37', name: 'Tours', postalCode: '37000', location: { lat: 47.39, lng: 0.69 }, areaKm2: 34.36, population: 137658 });
  });

  it('keeps a commune without coordinates as an unknown location', () => {
    const [commune] = parseCommunesCsv(`${HEADER}\n60694,32,60,Les Hauts-Talican,60390,,,13.03,543\n`);
    expect(commune?.location).toBeNull();
  });

  it('accepts Corsican codes and refuses a malformed row or header', () => {
    expect(parseCommunesCsv(`${HEADER}\n2A004,94,2A,Ajaccio,20000,41.93,8.74,82.03,71361\n`)[0]?.insee).toBe('2A004');
    expect(() => parseCommunesCsv(`${HEADER}\n37261,24,37,Tours\n`)).toThrow(/line 2/);
    expect(() => parseCommunesCsv('code,nom\n')).toThrow(/header/);
  });

  it('reads the whole shared file: 34 931 communes, three without coordinates, 1 756 in Centre-Val de Loire', () => {
    const communes = parseCommunesCsv(communesCsv());
    expect(communes).toHaveLength(34931);
    expect(communes.filter((c) => c.location === null)).toHaveLength(3);
    expect(communes.filter((c) => c.region === '24')).toHaveLength(1756);
    expect(communesByInsee(communes).get('37261')?.name).toBe('Tours');
  });
});
