/**
 * The one territory policy of the guichet: where a caller acts, read from the territorial claims
 * of its access token. Pure (no data of its own, no I/O) so that the services and the portal apply
 * the same rule; the département → région table is passed in.
 */

/** The territorial claims of an access token. */
export interface TerritoryClaims {
  readonly regions: readonly string[];
  readonly departements: readonly string[];
}

/**
 * The most precise level the token names wins: a CPAM agent of Indre-et-Loire carries région 24
 * and département 37, and acts on the 37 only; an ARS agent carries région 24 and acts on every
 * département of Centre-Val de Loire. A token without territory acts nowhere (admin is decided by
 * the route, not here).
 */
export type Scope =
  | { readonly level: 'departement'; readonly codes: readonly string[] }
  | { readonly level: 'region'; readonly codes: readonly string[] }
  | { readonly level: 'none' };

/** A place or a set of places: a case's targets, an offer's commune, an aid's territory, a filter. */
export interface Area {
  readonly regions?: readonly string[];
  readonly departements?: readonly string[];
  readonly communes?: readonly string[];
}

export type RegionOfDepartement = (departement: string) => string | undefined;
export type DepartementsOfRegion = (region: string) => readonly string[];

export function scopeOf(claims: TerritoryClaims): Scope {
  if (claims.departements.length > 0) return { level: 'departement', codes: [...claims.departements] };
  if (claims.regions.length > 0) return { level: 'region', codes: [...claims.regions] };
  return { level: 'none' };
}

/** The INSEE code carries the département: two characters (2A, 2B for Corsica), three overseas (97x). */
export const departementOfCommune = (insee: string): string => (insee.startsWith('97') ? insee.slice(0, 3) : insee.slice(0, 2));

export function departementInScope(scope: Scope, departement: string, regionOf: RegionOfDepartement): boolean {
  if (scope.level === 'departement') return scope.codes.includes(departement);
  if (scope.level === 'region') return scope.codes.includes(regionOf(departement) ?? '');
  return false;
}

/** A whole région is acted on only by a région-level scope: a département's agent does not speak for its neighbours. */
export function regionInScope(scope: Scope, region: string): boolean {
  return scope.level === 'region' && scope.codes.includes(region);
}

const departementsOfArea = (area: Area): string[] => [...(area.departements ?? []), ...(area.communes ?? []).map(departementOfCommune)];

/**
 * Reading: an area concerns the caller when one of its places is in scope (a case that targets 37
 * and 41 is seen by the agents of both). A région-wide area without départements concerns only
 * région-level scopes.
 */
export function touches(scope: Scope, area: Area, regionOf: RegionOfDepartement): boolean {
  if ((area.regions ?? []).some((region) => regionInScope(scope, region))) return true;
  return departementsOfArea(area).some((departement) => departementInScope(scope, departement, regionOf));
}

/**
 * Writing: the caller speaks for an area only when every one of its places is in scope (an aid
 * of 37 and 41 is published by someone who acts on both). An empty area is covered by nobody.
 */
export function covers(scope: Scope, area: Area, regionOf: RegionOfDepartement): boolean {
  const regions = area.regions ?? [];
  const departements = departementsOfArea(area);
  if (regions.length === 0 && departements.length === 0) return false;
  return regions.every((region) => regionInScope(scope, region)) && departements.every((departement) => departementInScope(scope, departement, regionOf));
}

/** The départements a scope acts on, e.g. to offer them as filters or to query by département. */
export function departementsInScope(scope: Scope, departementsOf: DepartementsOfRegion): string[] {
  if (scope.level === 'departement') return [...scope.codes];
  if (scope.level === 'region') return scope.codes.flatMap((region) => [...departementsOf(region)]);
  return [];
}
