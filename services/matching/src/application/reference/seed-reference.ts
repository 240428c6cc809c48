import type { AidScheme, RegionCode } from '@guichet/contracts';
import type { CommuneDirectory } from '../../read-model/index.js';
import { uuidFrom } from '../ids.js';
import type { AidSchemeStore, Runtime, ZoningImport, ZoningStore } from '../ports.js';
import { timelineOfImports } from '../zoning-orders.js';
import { changedEvent } from './aid-schemes.js';
import { changesOf, zoningEvents } from './import-zoning.js';
import { generateDemoZoning } from '../../reference/index.js';

export interface SeedDeps {
  readonly aidSchemes: AidSchemeStore;
  readonly zoning: ZoningStore;
  readonly communes: CommuneDirectory;
  readonly runtime: Runtime;
}

export interface SeedReport {
  readonly schemesAdded: number;
  readonly zoningImportsAdded: number;
}

/**
 * Seeds, when missing, the aid catalogue converted from the service's reference file and the demo
 * zoning of the given regions. Safe to run at every start and from several instances: ids are
 * fixed, so what exists is left alone, and only what is added emits its event.
 */
export async function seedReferenceData(deps: SeedDeps, catalogue: readonly AidScheme[], demoRegions: readonly RegionCode[]): Promise<SeedReport> {
  let schemesAdded = 0;
  if ((await deps.aidSchemes.count()) < catalogue.length) {
    for (const scheme of catalogue) {
      const now = deps.runtime.now().toISOString();
      if ((await deps.aidSchemes.insert(scheme, 'seed', [changedEvent(deps.runtime, scheme, 'created', now)])) === 'inserted') schemesAdded += 1;
    }
  }
  let zoningImportsAdded = 0;
  const existing = await deps.zoning.all();
  const known = new Set(existing.map((i) => i.importId));
  let history = existing;
  for (const region of demoRegions) {
    for (const order of generateDemoZoning(deps.communes.inRegion(region), region)) {
      const importId = uuidFrom('demo-zoning', region, order.effectiveFrom);
      if (known.has(importId)) continue;
      // Dated at the order's own date, so real imports made later always apply after the demo.
      const importedAt = `${order.effectiveFrom}T00:00:00.000Z`;
      const zoningImport: ZoningImport = {
        importId,
        regionCode: region,
        arrete: order.arrete,
        importedAt,
        importedBy: 'seed',
        orders: [{ effectiveFrom: order.effectiveFrom, assignments: order.assignments }],
      };
      const changes = changesOf(timelineOfImports(history), zoningImport);
      if ((await deps.zoning.insert(zoningImport, zoningEvents(zoningImport, changes, deps.runtime.now().toISOString(), deps.runtime))) === 'inserted') zoningImportsAdded += 1;
      history = [...history, zoningImport].sort((a, b) => (a.importedAt < b.importedAt ? -1 : a.importedAt > b.importedAt ? 1 : 0));
    }
  }
  return { schemesAdded, zoningImportsAdded };
}
