import type { CaseSummary, ZoningHistory, Zone } from '@guichet/contracts';

/** The zone in force on a day: the latest entry begun by then and not ended. */
export function zoneOn(history: ZoningHistory, day: string): Zone | undefined {
  const current = history.entries
    .filter((entry) => entry.effectiveFrom <= day && (entry.effectiveUntil === undefined || entry.effectiveUntil > day))
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  return current?.zone;
}

/** The communes a case targets whose zoning the queue shows (the territory keeps the served ones). */
export const targetCommunes = (item: CaseSummary): string[] => item.territory.communes ?? [];

export type TargetZone = { commune: string; zone: Zone | undefined };

/**
 * What the queue says of a case's zone: the zone of each targeted commune by matching's zoning;
 * a request made by département only has no zone of its own.
 */
export function zoneText(targets: readonly TargetZone[], label: (commune: string) => string, zoneLabel: (zone: Zone) => string): string {
  if (targets.length === 0) return 'Zone non déterminée : demande par département, sans commune visée';
  return targets.map(({ commune, zone }) => `${zone === undefined ? 'Zonage inconnu' : zoneLabel(zone)} (${label(commune)})`).join(', ');
}
