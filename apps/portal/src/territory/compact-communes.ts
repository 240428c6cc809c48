import type { Commune } from '@guichet/territory';

/** [insee, name, postalCode, departement, region, population]: the browser's share of communes.csv. */
export type CompactCommuneRow = [string, string, string, string, string, number];

export interface CompactCommunes {
  departements: Record<string, string>;
  regions: Record<string, string>;
  rows: CompactCommuneRow[];
}

/** public/communes/territoires.json: names, and the départements of each région. */
export interface Territories {
  departements: Record<string, string>;
  regions: Record<string, string>;
  departementsOfRegion: Record<string, string[]>;
}

export function communesOfCompact(compact: CompactCommunes): Commune[] {
  return compact.rows.map(([insee, name, postalCode, departement, region, population]) => ({
    insee,
    name,
    postalCode,
    departement,
    region,
    population,
    location: null,
    areaKm2: null,
  }));
}
