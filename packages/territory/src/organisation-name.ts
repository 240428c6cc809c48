import { departementName, regionName, regionOfDepartement } from './administrative-names.js';

export interface NamedScope {
  readonly regions: readonly string[];
  readonly departements: readonly string[];
}

/**
 * A public body named after its territory, as a candidate reads it in their access log:
 * « ARS Centre-Val de Loire » (an ARS is regional), « CPAM Indre-et-Loire » (the most precise
 * place of the scope otherwise); the body alone when the scope names no place.
 */
export function organisationName(body: string, scope: NamedScope, level: 'region' | 'most-precise' = 'most-precise'): string {
  const departement = scope.departements[0];
  const region = scope.regions[0] ?? (departement === undefined ? undefined : regionOfDepartement(departement));
  const place =
    level === 'region' || departement === undefined
      ? region === undefined
        ? undefined
        : (regionName(region) ?? region)
      : (departementName(departement) ?? departement);
  return place === undefined ? body : `${body} ${place}`;
}
