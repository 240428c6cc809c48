/** Who acts, as the use cases need it (from the verified access token). */
export interface Caller {
  readonly id: string;
  readonly roles: readonly string[];
  readonly regions: readonly string[];
  readonly departements: readonly string[];
}

export interface Place {
  readonly region: string;
  readonly departement: string;
}

export const isAdmin = (caller: Caller): boolean => caller.roles.includes('admin');

/** Same rule as the platform's: the place's region or département is in scope; admin reaches everything. */
export function reaches(caller: Caller, place: Place): boolean {
  return isAdmin(caller) || caller.regions.includes(place.region) || caller.departements.includes(place.departement);
}

/** A territory (of an offer, of a case) is reached when one of its regions or départements is in scope. */
export function reachesTerritory(caller: Caller, territory: { readonly regions: readonly string[]; readonly departements: readonly string[] }): boolean {
  return isAdmin(caller) || territory.regions.some((r) => caller.regions.includes(r)) || territory.departements.some((d) => caller.departements.includes(d));
}
