import type { AidScheme, RegionCode } from '@guichet/contracts';
import { createHash } from 'node:crypto';
import type { CommuneDirectory } from '../../read-model/index.js';
import { uuidFrom } from '../ids.js';
import type { AidSchemeStore, Runtime, ZoningImport, ZoningStore } from '../ports.js';
import { timelineOfImports } from '../zoning-orders.js';
import type { ZoningOrder } from '../../domain/index.js';
import { changedEvent } from './aid-schemes.js';
import { changesOf, zoningEvents } from './import-zoning.js';
import { generateDemoZoning, type DemoZoningFile } from '../../reference/index.js';

export interface SeedDeps {
  readonly aidSchemes: AidSchemeStore;
  readonly zoning: ZoningStore;
  readonly communes: CommuneDirectory;
  readonly runtime: Runtime;
}

export interface SeedReport {
  readonly schemesAdded: number;
  readonly zoningImportsAdded: number;
  readonly zoningImportsWithdrawn: number;
}

/**
 * Seeds, when missing, the aid catalogue converted from the service's reference file and the demo
 * zoning of the given regions (`data/demo-zoning.json`). Safe to run at every start and from
 * several instances: ids are fixed, so what exists is left alone, and only what is added emits its
 * event. A demo zoning seeded by an earlier version of the file is withdrawn first, so the stored
 * history is the file's; imports made by a caseworker stay and keep applying after the demo.
 */
export async function seedReferenceData(deps: SeedDeps, catalogue: readonly AidScheme[], demoRegions: readonly RegionCode[], demoZoning: DemoZoningFile): Promise<SeedReport> {
  let schemesAdded = 0;
  if ((await deps.aidSchemes.count()) < catalogue.length) {
    for (const scheme of catalogue) {
      const now = deps.runtime.now().toISOString();
      if ((await deps.aidSchemes.insert(scheme, 'seed', [changedEvent(deps.runtime, scheme, 'created', now)])) === 'inserted') schemesAdded += 1;
    }
  }
  let zoningImportsAdded = 0;
  let zoningImportsWithdrawn = 0;
  for (const region of demoRegions) {
    const demo = generateDemoZoning(deps.communes.inRegion(region), region, demoZoning).map((order) => ({ order, importId: demoImportId(order) }));
    const current = new Set(demo.map((d) => d.importId));
    const stale = (await deps.zoning.all()).filter((i) => i.regionCode === region && i.importedBy === 'seed' && !current.has(i.importId)).map((i) => i.importId);
    zoningImportsWithdrawn += await deps.zoning.withdrawSeeded(stale);
    let history = await deps.zoning.all();
    const known = new Set(history.map((i) => i.importId));
    for (const { order, importId } of demo) {
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
  return { schemesAdded, zoningImportsAdded, zoningImportsWithdrawn };
}

/** Named by the order's content: a revised demo file gives new ids, and the old seeded orders are withdrawn. */
function demoImportId(order: ZoningOrder): string {
  const content = createHash('sha256').update(JSON.stringify([order.arrete, order.assignments])).digest('hex');
  return uuidFrom('demo-zoning', order.regionCode, order.effectiveFrom, content);
}
