import { describe, expect, it } from '@jest/globals';
import { communes, demoZoningFile } from '../../test/reference-files.js';
import { zoneAt, zoningTimelineFromOrders } from '../domain/zoning.js';
import { generateDemoZoning, type DemoZoningFile } from './demo-zoning.js';

// Against what the ARS published of its 2022 zoning (domain facts §10).

const all = communes();
const centre = all.filter((c) => c.region === '24');
const file = demoZoningFile();
const orders = generateDemoZoning(all, '24', file);
const timeline = zoningTimelineFromOrders(orders);
const TODAY = '2026-06-01';
const zoneOf = (insee: string, date = TODAY) => zoneAt(timeline, insee, date);
const inDepartement = (dep: string) => centre.filter((c) => c.departement === dep);
const population = (list: typeof centre) => list.reduce((sum, c) => sum + (c.population ?? 0), 0);

describe('demo zoning of Centre-Val de Loire (approximation of the 2022 order, domain facts §10)', () => {
  it('covers every commune of the region and only them, and says in its reference that it is an approximation, not the arrêté', () => {
    expect(orders).toHaveLength(1);
    expect(orders[0]!.assignments).toHaveLength(centre.length);
    expect(orders[0]!.arrete.reference).toMatch(/^Démonstration : approximation .* \(pas l'arrêté\)$/);
    expect(file.notice).toContain("ce n'est pas l'arrêté");
  });

  it('Indre: the whole département in ZIP except Châteauroux, which stays zoned (ZAC) — Le Blanc and Issoudun are ZIP', () => {
    expect(inDepartement('36').filter((c) => zoneOf(c.insee) !== 'zip').map((c) => c.name)).toEqual(['Châteauroux']);
    expect(zoneOf('36044')).toBe('zac');
    expect([zoneOf('36018'), zoneOf('36088')]).toEqual(['zip', 'zip']);
  });

  it('Cher: the whole département in ZIP except the town of Bourges (ZAC), Vierzon included', () => {
    expect(inDepartement('18').filter((c) => zoneOf(c.insee) !== 'zip').map((c) => c.name)).toEqual(['Bourges']);
    expect([zoneOf('18033'), zoneOf('18279')]).toEqual(['zac', 'zip']);
  });

  it('Loiret: every commune in ZIP or ZAC, about 65 % of its inhabitants in ZIP', () => {
    const loiret = inDepartement('45');
    expect(loiret.every((c) => zoneOf(c.insee) === 'zip' || zoneOf(c.insee) === 'zac')).toBe(true);
    const zipShare = population(loiret.filter((c) => zoneOf(c.insee) === 'zip')) / population(loiret);
    expect(Math.abs(zipShare - 0.65)).toBeLessThan(0.02);
  });

  it('Indre-et-Loire is the only département with communes neither ZIP nor ZAC (Tours is one, Chinon and Loches are ZIP); Eure-et-Loir and Loir-et-Cher (Blois) are all zoned', () => {
    const unzoned = new Set(centre.filter((c) => zoneOf(c.insee) === 'none').map((c) => c.departement));
    expect([...unzoned]).toEqual(['37']);
    expect(zoneOf('37261')).toBe('none');
    expect([zoneOf('37072'), zoneOf('37132'), zoneOf('41018')]).toEqual(['zip', 'zip', 'zip']);
    for (const dep of ['28', '41']) expect(inDepartement(dep).every((c) => zoneOf(c.insee) === 'zip' || zoneOf(c.insee) === 'zac')).toBe(true);
  });

  it('about 85 % of the region’s inhabitants live in a ZIP or a ZAC', () => {
    const fragile = population(centre.filter((c) => zoneOf(c.insee) === 'zip' || zoneOf(c.insee) === 'zac')) / population(centre);
    expect(Math.abs(fragile - 0.85)).toBeLessThan(0.01);
  });

  it('says nothing before the order it approximates: the zone of 2019 is unknown, not « hors zonage »', () => {
    expect(zoneOf('36018', '2019-06-01')).toBeNull();
  });

  it('gives no demo zoning to a region the file does not describe', () => {
    expect(generateDemoZoning(all, '11', file)).toEqual([]);
  });

  it('refuses a file whose named town is not the commune of that code (a typo would silently move the zone)', () => {
    const typo: DemoZoningFile = { ...file, regions: [{ regionCode: '24', orders: [{ ...file.regions[0]!.orders[0]!, departements: { ...file.regions[0]!.orders[0]!.departements, '36': { zone: 'zip', why: '', communes: [{ insee: '36044', name: 'Issoudun', zone: 'zac', why: '' }] } } }] }] };
    expect(() => generateDemoZoning(all, '24', typo)).toThrow('commune 36044 is not Issoudun');
  });
});
