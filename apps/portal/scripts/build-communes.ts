// Writes public/communes.json: the communes reference of @guichet/territory, reduced to what the
// browser searches and shows (INSEE code, name, postal code, département, région, population),
// plus the names of départements and régions. Run before `vite build` and `vite`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { departementName, readCommunes, regionName } from '@guichet/territory';
import type { CompactCommunes } from '../src/territory/compact-communes.js';

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
console.log(`${communes.length} communes écrites dans ${out}`);
