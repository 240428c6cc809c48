import type { IsoDate, RegionCode, Zone } from '@guichet/contracts';
import { distanceKm } from '@guichet/territory';
import type { ZoningOrder } from '../domain/zoning.js';
import type { Commune } from './communes.js';

/**
 * The demo zoning as `data/demo-zoning.json` states it: per order, a zone per département, then
 * areas around a town (first that holds the commune wins), then named communes. Each rule carries
 * the published fact it follows (domain facts §10); the result is an approximation labelled as
 * such in its order reference, never the arrêté, and a real import replaces it.
 */
export interface DemoZoningFile {
  readonly notice: string;
  readonly regions: readonly DemoZoningRegion[];
}

export interface DemoZoningRegion {
  readonly regionCode: RegionCode;
  readonly orders: readonly DemoZoningOrderRules[];
}

export interface DemoZoningOrderRules {
  readonly reference: string;
  readonly effectiveFrom: IsoDate;
  readonly dateNote: string;
  readonly departements: Readonly<Record<string, DepartementRule>>;
}

export interface DepartementRule {
  readonly zone: Zone;
  readonly why: string;
  readonly areas?: readonly { readonly around: NamedCommune; readonly withinKm: number; readonly zone: Zone; readonly why: string }[];
  readonly communes?: readonly (NamedCommune & { readonly zone: Zone; readonly why: string })[];
}

interface NamedCommune {
  readonly insee: string;
  readonly name: string;
}

/** Regions the file gives a demo zoning for. */
export function demoZoningRegions(file: DemoZoningFile): RegionCode[] {
  return file.regions.map((r) => r.regionCode);
}

/**
 * Orders of the demo zoning of one region for its communes, oldest first; none when the file says
 * nothing of the region. Throws when the file does not fit the communes (a département without a
 * rule, a town unknown or misnamed): it ships with the code.
 */
export function generateDemoZoning(communes: readonly Commune[], region: RegionCode, file: DemoZoningFile): ZoningOrder[] {
  const rules = file.regions.find((r) => r.regionCode === region);
  if (!rules) return [];
  const inRegion = communes.filter((c) => c.region === region).sort((a, b) => (a.insee < b.insee ? -1 : 1));
  const byInsee = new Map(inRegion.map((c) => [c.insee, c]));
  return [...rules.orders]
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))
    .map((order) => ({
      regionCode: region,
      arrete: { reference: order.reference },
      effectiveFrom: order.effectiveFrom,
      assignments: inRegion.map((commune) => ({ communeCode: commune.insee, zone: zoneOf(commune, order, byInsee) })),
    }));
}

function zoneOf(commune: Commune, order: DemoZoningOrderRules, byInsee: ReadonlyMap<string, Commune>): Zone {
  const rule = order.departements[commune.departement];
  if (!rule) throw new Error(`demo zoning: no rule for département ${commune.departement} in "${order.reference}"`);
  const named = rule.communes?.find((c) => known(c, byInsee).insee === commune.insee);
  if (named) return named.zone;
  const area = rule.areas?.find((a) => {
    const centre = known(a.around, byInsee);
    return centre.location !== null && commune.location !== null && distanceKm(centre.location, commune.location) <= a.withinKm;
  });
  return area ? area.zone : rule.zone;
}

function known(named: NamedCommune, byInsee: ReadonlyMap<string, Commune>): Commune {
  const commune = byInsee.get(named.insee);
  if (!commune || commune.name !== named.name) throw new Error(`demo zoning: commune ${named.insee} is not ${named.name} in this region`);
  return commune;
}
