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

/** Every commune whose zoning a queue line shows: the targeted ones and a docteur junior's placement. */
export const zonedCommunes = (item: CaseSummary): string[] => [...targetCommunes(item), ...(item.placement ? [item.placement.communeCode] : [])];

export type TargetZone = { commune: string; zone: Zone | undefined };

type Words = { label: (commune: string) => string; zoneLabel: (zone: Zone) => string };

const zoneOfCommune = ({ commune, zone }: TargetZone, words: Words): string =>
  `${zone === undefined ? 'Zonage inconnu' : words.zoneLabel(zone)} (${words.label(commune)})`;

/**
 * What the queue says of a case's zone: the zone of each targeted commune by matching's zoning;
 * a request made by département only has no zone of its own.
 */
export function zoneText(targets: readonly TargetZone[], label: (commune: string) => string, zoneLabel: (zone: Zone) => string): string {
  if (targets.length === 0) return 'Zone non déterminée : demande par département, sans commune visée';
  return `Communes visées : ${targets.map((target) => zoneOfCommune(target, { label, zoneLabel })).join(', ')}`;
}

/**
 * The zone the queue's zone filter reads (intake's bestZone: the best of the proposed bundles'
 * communes), said as such so that a line kept by « ZIP » never looks like a wrong answer.
 */
export function bestZoneText(item: CaseSummary, zoneLabel: (zone: Zone) => string): string {
  return `Meilleure proposition : ${item.bestZone === undefined ? 'aucune pour l’instant' : zoneLabel(item.bestZone)}`;
}

/** A docteur junior's 4th-year placement: the zone that matters for the aids of the placement. */
export function placementText(item: CaseSummary, zone: Zone | undefined, words: Words & { day: (iso: string) => string }): string | undefined {
  const placement = item.placement;
  if (placement === undefined) return undefined;
  const period =
    placement.startDate && placement.endDate
      ? `, du ${words.day(placement.startDate)} au ${words.day(placement.endDate)}`
      : placement.startDate
        ? `, à partir du ${words.day(placement.startDate)}`
        : '';
  return `Lieu de stage : ${zoneOfCommune({ commune: placement.communeCode, zone }, words)}${period}`;
}
