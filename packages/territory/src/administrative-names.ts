import { createRequire } from 'node:module';

interface NamedArea {
  code: string;
  nom: string;
  region?: string;
}

const require = createRequire(import.meta.url);
// Official names (INSEE COG) maintained by Etalab; loaded once, a few kilobytes.
const regions = require('@etalab/decoupage-administratif/data/regions.json') as NamedArea[];
const departements = require('@etalab/decoupage-administratif/data/departements.json') as NamedArea[];

const regionNames = new Map(regions.map((r) => [r.code, r.nom]));
const departementNames = new Map(departements.map((d) => [d.code, d.nom]));
const departementRegion = new Map(departements.map((d) => [d.code, d.region ?? '']));

export function regionName(code: string): string | undefined {
  return regionNames.get(code);
}

export function departementName(code: string): string | undefined {
  return departementNames.get(code);
}

export function regionOfDepartement(code: string): string | undefined {
  return departementRegion.get(code) || undefined;
}

export function departementsOfRegion(region: string): string[] {
  return departements.filter((d) => d.region === region).map((d) => d.code);
}
