import type { Coordinates } from '../domain/geo.js';
import { toCoordinates } from '../domain/geo.js';

export interface Commune {
  readonly insee: string;
  readonly region: string;
  readonly departement: string;
  readonly name: string;
  readonly postalCode: string;
  /** null when the reference file gives no coordinates: an unknown location. */
  readonly location: Coordinates | null;
  readonly areaKm2: number | null;
  readonly population: number | null;
}

const EXPECTED_HEADER = ['insee', 'region', 'departement', 'name', 'postal_code', 'lat', 'lng', 'area_km2', 'population_2021'];

/**
 * Parses the communes reference file (`../shared/data/communes.csv`: comma-separated, CRLF or LF,
 * no quoted fields). Throws on a header or row that does not fit: the file is reference data
 * shipped with the code, so a bad file is a build error, not user input.
 */
export function parseCommunesCsv(text: string): Commune[] {
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const header = lines[0]?.split(',');
  if (!header || header.join(',') !== EXPECTED_HEADER.join(',')) {
    throw new Error(`communes CSV: unexpected header ${lines[0] ?? '(empty file)'}`);
  }
  return lines.slice(1).map((line, index) => parseRow(line, index + 2));
}

function parseRow(line: string, lineNumber: number): Commune {
  const fields = line.split(',');
  if (fields.length !== EXPECTED_HEADER.length) {
    throw new Error(`communes CSV line ${lineNumber}: expected ${EXPECTED_HEADER.length} fields, got ${fields.length}`);
  }
  const [insee, region, departement, name, postalCode, lat, lng, area, population] = fields as [
    string, string, string, string, string, string, string, string, string,
  ];
  if (!/^(?:\d{2}|2[AB])\d{3}$/.test(insee)) throw new Error(`communes CSV line ${lineNumber}: invalid INSEE code ${insee}`);
  return {
    insee,
    region,
    departement,
    name,
    postalCode,
    location: toCoordinates(optionalNumber(lat), optionalNumber(lng)),
    areaKm2: optionalNumber(area),
    population: optionalNumber(population),
  };
}

function optionalNumber(raw: string): number | null {
  if (raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

export function communesByInsee(communes: readonly Commune[]): ReadonlyMap<string, Commune> {
  return new Map(communes.map((commune) => [commune.insee, commune]));
}
