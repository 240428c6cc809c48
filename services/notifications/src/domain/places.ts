import type { DepartementCode, InseeCommuneCode, RegionCode, Territory } from '@guichet/contracts';
import { departementOfCommune as departementOfInseeCode, regionOfDepartement } from '@guichet/territory';

export const departementOfCommune = (commune: InseeCommuneCode): DepartementCode => departementOfInseeCode(commune) as DepartementCode;

const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)];

/** Territory of a set of communes and départements, so a partner can filter on any of the three levels. */
export function territoryOf(communes: readonly InseeCommuneCode[], departements: readonly DepartementCode[] = []): Territory {
  const allDepartements = unique([...communes.map(departementOfCommune), ...departements]);
  const regions = unique(allDepartements.map((d) => regionOfDepartement(d)).filter((r): r is string => r !== undefined)) as RegionCode[];
  const territory: Territory = { regions, departements: allDepartements };
  if (communes.length > 0) territory.communes = unique(communes);
  return territory;
}

export function mergeTerritories(a: Territory, b: Territory): Territory {
  const merged: Territory = { regions: unique([...a.regions, ...b.regions]), departements: unique([...a.departements, ...b.departements]) };
  const communes = unique([...(a.communes ?? []), ...(b.communes ?? [])]);
  if (communes.length > 0) merged.communes = communes;
  return merged;
}

/** A territory filter matches when it names one of the event's regions, départements or communes. */
export interface TerritoryFilter {
  regions?: readonly string[];
  departements?: readonly string[];
  communes?: readonly string[];
}

export const isEmptyFilter = (filter: TerritoryFilter): boolean =>
  (filter.regions ?? []).length === 0 && (filter.departements ?? []).length === 0 && (filter.communes ?? []).length === 0;

export function touches(territory: Territory, filter: TerritoryFilter): boolean {
  const hit = (mine: readonly string[] | undefined, wanted: readonly string[] | undefined) => (wanted ?? []).some((code) => (mine ?? []).includes(code));
  return hit(territory.regions, filter.regions) || hit(territory.departements, filter.departements) || hit(territory.communes, filter.communes);
}
