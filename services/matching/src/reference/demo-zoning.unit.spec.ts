import { describe, expect, it } from '@jest/globals';
import { communes } from '../../test/reference-files.js';
import { zoneAt, zoningTimelineFromOrders } from '../domain/zoning.js';
import { generateDemoZoning } from './demo-zoning.js';

const all = communes();
const centre = all.filter((c) => c.region === '24');
const orders = generateDemoZoning(all, '24');
const timeline = zoningTimelineFromOrders(orders);
const zoneOn = (date: string) => new Map(centre.map((c) => [c.insee, zoneAt(timeline, c.insee, date)]));

function shares(date: string) {
  const zones = zoneOn(date);
  const population = centre.reduce((sum, c) => sum + (c.population ?? 0), 0);
  const count = (pred: (zone: string | null) => boolean) => centre.filter((c) => pred(zones.get(c.insee) ?? null)).length / centre.length;
  const pop = (pred: (zone: string | null) => boolean) => centre.filter((c) => pred(zones.get(c.insee) ?? null)).reduce((s, c) => s + (c.population ?? 0), 0) / population;
  const fragile = (z: string | null) => z === 'zip' || z === 'zac';
  return { fragileCommunes: count(fragile), fragilePopulation: pop(fragile), zipCommunes: count((z) => z === 'zip'), zipPopulation: pop((z) => z === 'zip') };
}

describe('demo zoning of Centre-Val de Loire', () => {
  it('covers every commune of the region and only them', () => {
    expect(orders.map((o) => o.assignments.length)).toEqual([1756, 1756]);
    expect(orders.every((o) => o.regionCode === '24')).toBe(true);
  });

  it('matches the sourced proportions today: fragile ≈ 78 % of communes and 56 % of the population [003:200]', () => {
    const today = shares('2026-06-01');
    expect(today.fragileCommunes).toBeCloseTo(0.78, 1);
    expect(Math.abs(today.fragileCommunes - 0.78)).toBeLessThan(0.02);
    expect(Math.abs(today.fragilePopulation - 0.56)).toBeLessThan(0.02);
  });

  it('makes ZIP a minority of the fragile communes, above the 8.6 % under-dense population of 2018 [004:238-240]', () => {
    const today = shares('2026-06-01');
    expect(today.zipCommunes).toBeGreaterThan(0.25);
    expect(today.zipCommunes).toBeLessThan(today.fragileCommunes / 2);
    expect(today.zipPopulation).toBeGreaterThan(0.086);
  });

  it('has a history: the 2018 order was narrower, and every commune fragile then is still fragile, every ZIP still ZIP', () => {
    const before = zoneOn('2019-01-01');
    const after = zoneOn('2026-06-01');
    expect(shares('2019-01-01').fragileCommunes).toBeLessThan(shares('2026-06-01').fragileCommunes);
    for (const c of centre) {
      if (before.get(c.insee) === 'zip') expect(after.get(c.insee)).toBe('zip');
      if (before.get(c.insee) === 'zac') expect(['zip', 'zac']).toContain(after.get(c.insee));
    }
    expect(zoneAt(timeline, '37261', '2017-01-01')).toBeNull();
  });

  it('keeps the préfectures above 50 000 inhabitants out of the zoning (Tours, Orléans, Bourges)', () => {
    for (const insee of ['37261', '45234', '18033']) expect(zoneAt(timeline, insee, '2026-06-01')).toBe('none');
  });

  it('is deterministic: same map on every run, whatever the order of the input', () => {
    const reordered = [...centre.slice(900), ...centre.slice(0, 900)].reverse();
    expect(generateDemoZoning(reordered, '24')).toEqual(orders);
  });
});
