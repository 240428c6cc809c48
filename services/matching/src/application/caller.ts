import { covers, departementInScope, regionInScope, regionOfDepartement, scopeOf, touches, type Area } from '@guichet/territory';

/** Who acts, as the use cases need it (from the verified access token). */
export interface Caller {
  readonly id: string;
  /** The account's user name, shown to a candidate whose case it read. */
  readonly name?: string;
  readonly roles: readonly string[];
  readonly regions: readonly string[];
  readonly departements: readonly string[];
  /** The organisation the account acts for: owner of the offers and aids it publishes. */
  readonly organisation?: string;
}

export const isAdmin = (caller: Caller): boolean => caller.roles.includes('admin');

/** The territory policy of `@guichet/territory` (the most precise claim wins); admin reaches everything. */
export function reachesDepartement(caller: Caller, departement: string): boolean {
  return isAdmin(caller) || departementInScope(scopeOf(caller), departement, regionOfDepartement);
}

export function reachesRegion(caller: Caller, region: string): boolean {
  return isAdmin(caller) || regionInScope(scopeOf(caller), region);
}

/** Reading: an offer's or a case's territory is reached when one of its places is in scope. */
export function reachesTerritory(caller: Caller, territory: Area): boolean {
  return isAdmin(caller) || touches(scopeOf(caller), territory, regionOfDepartement);
}

/** Writing: the caller speaks for an area only when every one of its places is in scope. */
export function coversArea(caller: Caller, area: Area): boolean {
  return isAdmin(caller) || covers(scopeOf(caller), area, regionOfDepartement);
}

/** What an organisation published is changed by that organisation, or by an administrator. */
export function owns(caller: Caller, publisherOrganisation: string | undefined): boolean {
  return isAdmin(caller) || (publisherOrganisation !== undefined && caller.organisation === publisherOrganisation);
}
