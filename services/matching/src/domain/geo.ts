import { distanceKm, type GeoPoint } from '@guichet/territory';

export { distanceKm };
export type Coordinates = GeoPoint;

/**
 * Coordinates from possibly missing values: a commune or offer without coordinates is an unknown
 * location (null), never (0, 0), which would sit in the Gulf of Guinea and match nothing or everything.
 */
export function toCoordinates(lat: number | null | undefined, lng: number | null | undefined): Coordinates | null {
  if (lat === null || lat === undefined || lng === null || lng === undefined) return null;
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  if (lat < -90 || lat > 90 || lng < -180 || lng > 180) return null;
  return { lat, lng };
}

/** Distance between two possibly unknown locations: null when either is unknown. */
export function distanceBetween(a: Coordinates | null, b: Coordinates | null): number | null {
  return a && b ? distanceKm(a, b) : null;
}

/** Kilometres rounded to one decimal, for display and for stable reasons. */
export function roundKm(km: number): number {
  return Math.round(km * 10) / 10;
}

/** French display of a distance: « 4,2 km ». */
export function formatKm(km: number): string {
  return `${String(roundKm(km)).replace('.', ',')} km`;
}
