/** What the domain needs to know about places, passed in so the rule stays pure. */
export interface TerritoryLookup {
  regionOfCommune(insee: string): string | undefined;
  regionOfDepartement(code: string): string | undefined;
  regionName(code: string): string | undefined;
}

export interface Targets {
  communes: readonly string[];
  departements: readonly string[];
}

/** Everything the domain needs about places; `regionOfCommune` is undefined for an unknown INSEE code. */
export interface PlaceLookup extends TerritoryLookup {
  departementOfCommune(insee: string): string | undefined;
}

export interface CaseTerritory {
  regions: string[];
  departements: string[];
  /** Target communes inside the served regions, so partners can filter by commune. */
  communes: string[];
}

export type DeskTerritoryDecision =
  | { ok: true; territory: CaseTerritory }
  | { ok: false; detail: string; servingRegions: string[] };

/**
 * A deployment serves the regions of its configuration. A request is taken when at least one of
 * its targets is inside them; its territory (used for caseworker access) keeps only those targets.
 */
export function placeInDeskTerritory(targets: Targets, deskRegions: readonly string[], lookup: TerritoryLookup, departementOfCommune: (insee: string) => string | undefined): DeskTerritoryDecision {
  const served = new Set(deskRegions);
  const regions = new Set<string>();
  const departements = new Set<string>();
  const communes = new Set<string>();
  const elsewhere = new Set<string>();
  for (const insee of targets.communes) {
    const region = lookup.regionOfCommune(insee);
    const departement = departementOfCommune(insee);
    if (region === undefined || departement === undefined) continue;
    if (served.has(region)) {
      regions.add(region);
      departements.add(departement);
      communes.add(insee);
    } else elsewhere.add(region);
  }
  for (const code of targets.departements) {
    const region = lookup.regionOfDepartement(code);
    if (region === undefined) continue;
    if (served.has(region)) {
      regions.add(region);
      departements.add(code);
    } else elsewhere.add(region);
  }
  if (regions.size > 0) return { ok: true, territory: { regions: [...regions].sort(), departements: [...departements].sort(), communes: [...communes].sort() } };
  const names = [...elsewhere].sort().map((code) => lookup.regionName(code) ?? code);
  const served_ = deskRegions.map((code) => lookup.regionName(code) ?? code).join(', ');
  const detail =
    names.length === 0
      ? `Aucun lieu d’installation n’est indiqué : ce guichet sert la région ${served_}.`
      : `Ce guichet sert la région ${served_}. Votre projet relève du guichet de la région ${names.join(' ou ')} : adressez-lui votre demande.`;
  return { ok: false, detail, servingRegions: [...elsewhere].sort() };
}
