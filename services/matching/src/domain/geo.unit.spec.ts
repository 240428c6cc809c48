import { describe, expect, it } from '@jest/globals';
import { distanceBetween, distanceKm, formatKm, toCoordinates } from './geo.js';
import { formatEuros } from './money.js';

describe('great-circle distance', () => {
  it('Tours to Orléans is about 105 km as the crow flies', () => {
    const tours = { lat: 47.3941, lng: 0.6848 };
    const orleans = { lat: 47.9029, lng: 1.9093 };
    expect(distanceKm(tours, orleans)).toBeGreaterThan(100);
    expect(distanceKm(tours, orleans)).toBeLessThan(110);
    expect(distanceKm(tours, tours)).toBe(0);
  });

  it('treats missing coordinates as an unknown location, never as (0, 0)', () => {
    expect(toCoordinates(null, 1.2)).toBeNull();
    expect(toCoordinates(Number.NaN, 1.2)).toBeNull();
    expect(toCoordinates(0, 0)).toEqual({ lat: 0, lng: 0 });
    expect(distanceBetween(null, { lat: 47, lng: 1 })).toBeNull();
  });

  it('displays kilometres and euros the French way', () => {
    expect(formatKm(12.345)).toBe('12,3 km');
    expect(formatEuros(1_000_000)).toBe('10\u00a0000\u00a0€');
    expect(formatEuros(25)).toBe('0,25\u00a0€');
  });
});
