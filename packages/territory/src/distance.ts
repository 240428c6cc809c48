import { distance } from 'geokdbush';
import type { GeoPoint } from './commune.js';

/**
 * Great-circle (haversine) distance in kilometres: geokdbush's own formula, so radius queries on
 * a geokdbush index and the distances we show and score agree to the metre.
 */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  return distance(a.lng, a.lat, b.lng, b.lat);
}
