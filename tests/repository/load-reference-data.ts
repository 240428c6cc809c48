// Loads every reference file the services and the portal's build read at start, through their own
// functions, and prints what was loaded as one JSON line. Run from a copy of the repository alone.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { communeIndex } from '@guichet/territory';
import { readAidSchemeSeed, readDemoZoningFile } from '../../services/matching/src/adapters/reference-files.js';
import { CommuneDirectory } from '../../services/matching/src/read-model/commune-directory.js';
import { convertAidCatalogue } from '../../services/matching/src/reference/aid-catalogue.js';
import { generateDemoZoning } from '../../services/matching/src/reference/demo-zoning.js';

const communes = communeIndex();
const directory = CommuneDirectory.shared();
const catalogue = convertAidCatalogue(readAidSchemeSeed());
const centreValDeLoire = generateDemoZoning(directory.inRegion('24'), '24', readDemoZoningFile());

const portal = join(process.cwd(), 'apps', 'portal');
execFileSync(process.execPath, ['--import', 'tsx', join('scripts', 'build-communes.ts')], { cwd: portal, stdio: 'ignore' });
const portalCommunes = JSON.parse(readFileSync(join(portal, 'public', 'communes.json'), 'utf8')) as { rows: unknown[] };

console.log(
  JSON.stringify({
    communes: [...communes.all()].length,
    paris: communes.get('75056')?.name ?? null,
    directoryCommunes: directory.inRegion('24').length,
    aidSchemes: catalogue.length,
    demoZoningOrders: centreValDeLoire.length,
    portalCommunes: portalCommunes.rows.length,
  }),
);
