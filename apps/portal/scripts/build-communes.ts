// Writes public/communes.json: the communes reference of @guichet/territory, reduced to what the
// browser searches and shows (INSEE code, name, postal code, département, région, population),
// plus the names of départements and régions. Run before `vite build` and `vite`.
// Also writes public/communes/: one slice per département and territoires.json (names, and the
// départements of each région), so the dashboard loads its own territory, not the whole country.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { departementName, readCommunes, regionName } from '@guichet/territory';
import type { CompactCommunes, CompactCommuneRow, Territories } from '../src/territory/compact-communes.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'communes.json');
const communes = readCommunes();
const departements: Record<string, string> = {};
const regions: Record<string, string> = {};
for (const commune of communes) {
  departements[commune.departement] ??= departementName(commune.departement) ?? commune.departement;
  regions[commune.region] ??= regionName(commune.region) ?? commune.region;
}
const compact: CompactCommunes = {
  departements,
  regions,
  rows: communes.map((c) => [c.insee, c.name, c.postalCode, c.departement, c.region, c.population ?? 0]),
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(compact));

const slices = join(dirname(out), 'communes');
mkdirSync(slices, { recursive: true });
const byDepartement = new Map<string, CompactCommuneRow[]>();
const departementsOfRegion: Record<string, string[]> = {};
for (const row of compact.rows) {
  const [, , , departement, region] = row;
  if (!byDepartement.has(departement)) {
    byDepartement.set(departement, []);
    (departementsOfRegion[region] ??= []).push(departement);
  }
  byDepartement.get(departement)!.push(row);
}
for (const [departement, rows] of byDepartement) writeFileSync(join(slices, `${departement}.json`), JSON.stringify(rows));
const territories: Territories = { departements, regions, departementsOfRegion };
writeFileSync(join(slices, 'territoires.json'), JSON.stringify(territories));
console.log(`${communes.length} communes écrites dans ${out}`);
