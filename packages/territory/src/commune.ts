export interface GeoPoint {
  lat: number;
  lng: number;
}

/** One row of the reference file `data/communes.csv` of this package (INSEE COG 2024). */
export interface Commune {
  insee: string;
  region: string;
  departement: string;
  name: string;
  postalCode: string;
  /** Null for the few communes without a reference point: an unknown place, never (0, 0). */
  location: GeoPoint | null;
  areaKm2: number | null;
  population: number | null;
}

const HEADER = 'insee,region,departement,name,postal_code,lat,lng,area_km2,population_2021';

function numberOrNull(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * Parses the communes file (comma-separated, LF or CRLF, no quoted fields: names carry no comma).
 * Throws on a row that does not fit: it is reference data shipped beside the code, not user input.
 */
export function parseCommunesCsv(text: string): Commune[] {
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  if (lines[0] !== HEADER) throw new Error(`communes CSV: unexpected header "${lines[0] ?? ''}"`);
  return lines.slice(1).map((line, index) => {
    const cells = line.split(',');
    if (cells.length !== 9) throw new Error(`communes CSV: line ${index + 2} has ${cells.length} cells, expected 9`);
    const [insee, region, departement, name, postalCode, lat, lng, area, population] = cells as [string, string, string, string, string, string, string, string, string];
    if (!/^(?:\d{2}|2[AB])\d{3}$/.test(insee)) throw new Error(`communes CSV: line ${index + 2} has an invalid INSEE code ${insee}`);
    const latitude = numberOrNull(lat);
    const longitude = numberOrNull(lng);
    return {
      insee,
      region,
      departement,
      name,
      postalCode,
      location: latitude === null || longitude === null ? null : { lat: latitude, lng: longitude },
      areaKm2: numberOrNull(area),
      population: numberOrNull(population),
    };
  });
}
