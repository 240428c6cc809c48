import type { ZoningChange } from '@guichet/contracts';
import type { ImportedOrder, ZoningImport } from './ports.js';
import { applyZoningOrder, emptyZoningTimeline, type ZoningTimeline } from '../domain/index.js';

/**
 * Applies one dated group of an import through the domain's order logic, then honours the end
 * dates the CSV may give per row (an order limited in time): the entry the order created stops
 * there instead of running until the next order.
 */
export function applyImportedOrder(
  timeline: ZoningTimeline,
  zoningImport: Pick<ZoningImport, 'regionCode' | 'arrete' | 'importId'>,
  order: ImportedOrder,
): { timeline: ZoningTimeline; changes: readonly ZoningChange[] } {
  const applied = applyZoningOrder(timeline, {
    regionCode: zoningImport.regionCode,
    arrete: zoningImport.arrete,
    effectiveFrom: order.effectiveFrom,
    importId: zoningImport.importId,
    assignments: order.assignments.map(({ communeCode, zone }) => ({ communeCode, zone })),
  });
  const limited = order.assignments.filter((a) => a.effectiveUntil !== undefined);
  if (limited.length === 0) return applied;
  const next = new Map(applied.timeline);
  for (const { communeCode, effectiveUntil } of limited) {
    next.set(
      communeCode,
      (next.get(communeCode) ?? []).map((entry) =>
        entry.effectiveFrom === order.effectiveFrom && (entry.effectiveUntil === undefined || entry.effectiveUntil > effectiveUntil!) ? { ...entry, effectiveUntil: effectiveUntil! } : entry,
      ),
    );
  }
  const until = new Map(limited.map((a) => [a.communeCode, a.effectiveUntil!]));
  const changes = applied.changes.map((change) => {
    const end = until.get(change.communeCode);
    return end !== undefined && (change.effectiveUntil === undefined || change.effectiveUntil > end) ? { ...change, effectiveUntil: end } : change;
  });
  return { timeline: next, changes };
}

/** The zoning history from every import, replayed in the order they were made. */
export function timelineOfImports(imports: readonly ZoningImport[]): ZoningTimeline {
  let timeline = emptyZoningTimeline();
  for (const zoningImport of imports) {
    for (const order of [...zoningImport.orders].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0))) {
      timeline = applyImportedOrder(timeline, zoningImport, order).timeline;
    }
  }
  return timeline;
}
