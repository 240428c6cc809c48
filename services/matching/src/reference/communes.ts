import type { Commune } from '@guichet/territory';

export { parseCommunesCsv, type Commune } from '@guichet/territory';

export function communesByInsee(communes: readonly Commune[]): ReadonlyMap<string, Commune> {
  return new Map(communes.map((commune) => [commune.insee, commune]));
}
