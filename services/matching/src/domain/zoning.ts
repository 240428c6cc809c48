import type { ArreteReference, InseeCommuneCode, IsoDate, RegionCode, Uuid, Zone, ZoningChange, ZoningEntry, ZoningHistory } from '@guichet/contracts';
import { addDays } from './dates.js';

/** A zoning order (arrêté du DGARS): from its date on, each listed commune of the region has the given zone. */
export interface ZoningOrder {
  readonly regionCode: RegionCode;
  readonly arrete: ArreteReference;
  readonly effectiveFrom: IsoDate;
  readonly importId?: Uuid;
  readonly assignments: readonly { readonly communeCode: InseeCommuneCode; readonly zone: Zone }[];
}

/** Every commune's zoning entries, ordered by effectiveFrom and never overlapping. */
export type ZoningTimeline = ReadonlyMap<InseeCommuneCode, readonly ZoningEntry[]>;

export function emptyZoningTimeline(): ZoningTimeline {
  return new Map();
}

/** Zone of a commune on a date; null when no order covers that date (unknown, which is not « hors zonage »). */
export function zoneAt(timeline: ZoningTimeline, communeCode: InseeCommuneCode, date: IsoDate): Zone | null {
  const entries = timeline.get(communeCode) ?? [];
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const entry = entries[i]!;
    if (entry.effectiveFrom <= date) return entry.effectiveUntil === undefined || date <= entry.effectiveUntil ? entry.zone : null;
  }
  return null;
}

/** The order a commune's zone comes from on a date; null when no order covers that date. */
export function arreteAt(timeline: ZoningTimeline, communeCode: InseeCommuneCode, date: IsoDate): ArreteReference | null {
  const entries = timeline.get(communeCode) ?? [];
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const entry = entries[i]!;
    if (entry.effectiveFrom <= date) return entry.effectiveUntil === undefined || date <= entry.effectiveUntil ? entry.arrete : null;
  }
  return null;
}

export function historyOf(timeline: ZoningTimeline, communeCode: InseeCommuneCode): ZoningHistory {
  return { communeCode, entries: [...(timeline.get(communeCode) ?? [])] };
}

/**
 * Applies an order: from its date on, each listed commune takes the new zone. What earlier orders
 * said before that date stays (history); an order already recorded for a later date keeps
 * precedence from its own date. Returns the new timeline and the communes whose zone changes on
 * the order's date, which is what re-matching needs.
 */
export function applyZoningOrder(timeline: ZoningTimeline, order: ZoningOrder): { readonly timeline: ZoningTimeline; readonly changes: readonly ZoningChange[] } {
  const next = new Map(timeline);
  const changes: ZoningChange[] = [];
  const dayBefore = addDays(order.effectiveFrom, -1);
  for (const { communeCode, zone } of order.assignments) {
    const previousZone = zoneAt(next, communeCode, order.effectiveFrom);
    const kept: ZoningEntry[] = [];
    let nextStart: IsoDate | undefined;
    for (const entry of next.get(communeCode) ?? []) {
      if (entry.effectiveFrom < order.effectiveFrom) {
        const overlaps = entry.effectiveUntil === undefined || entry.effectiveUntil >= order.effectiveFrom;
        kept.push(overlaps ? { ...entry, effectiveUntil: dayBefore } : entry);
      } else if (entry.effectiveFrom > order.effectiveFrom) {
        kept.push(entry);
        if (nextStart === undefined || entry.effectiveFrom < nextStart) nextStart = entry.effectiveFrom;
      }
    }
    const effectiveUntil = nextStart === undefined ? undefined : addDays(nextStart, -1);
    kept.push({
      communeCode,
      regionCode: order.regionCode,
      zone,
      effectiveFrom: order.effectiveFrom,
      ...(effectiveUntil !== undefined ? { effectiveUntil } : {}),
      arrete: order.arrete,
      ...(order.importId !== undefined ? { importId: order.importId } : {}),
    });
    next.set(communeCode, kept.sort(byEffectiveFrom));
    if (previousZone !== zone) {
      changes.push({
        communeCode,
        zone,
        ...(previousZone !== null ? { previousZone } : {}),
        effectiveFrom: order.effectiveFrom,
        ...(effectiveUntil !== undefined ? { effectiveUntil } : {}),
      });
    }
  }
  return { timeline: next, changes };
}

/** Timeline from successive orders, applied by date (same date: in the given order). */
export function zoningTimelineFromOrders(orders: readonly ZoningOrder[]): ZoningTimeline {
  return [...orders]
    .sort(byEffectiveFrom)
    .reduce<ZoningTimeline>((timeline, order) => applyZoningOrder(timeline, order).timeline, emptyZoningTimeline());
}

/** Timeline from stored entries (a read model rebuilt at start); entries are taken as they are. */
export function zoningTimelineFromEntries(entries: readonly ZoningEntry[]): ZoningTimeline {
  const timeline = new Map<InseeCommuneCode, ZoningEntry[]>();
  for (const entry of entries) {
    const list = timeline.get(entry.communeCode) ?? [];
    list.push(entry);
    timeline.set(entry.communeCode, list);
  }
  for (const list of timeline.values()) list.sort(byEffectiveFrom);
  return timeline;
}

function byEffectiveFrom(a: { readonly effectiveFrom: IsoDate }, b: { readonly effectiveFrom: IsoDate }): number {
  return a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0;
}
