import type { EventOnTopic } from '@guichet/contracts';
import type { CatalogueStore } from './ports.js';

export type CatalogueEvent = EventOnTopic<'catalogue.offers.v1'> | EventOnTopic<'catalogue.reference.v1'>;

/**
 * Keeps where offers are and the zoning of communes: local authorities are told about offers on
 * their territory, the ARS and the CPAM about the zone of a commune. Reservations and aid schemes
 * carry nothing a stakeholder projection reads.
 */
export async function recordCatalogueEvent(catalogue: CatalogueStore, event: CatalogueEvent): Promise<void> {
  switch (event.type) {
    case 'fr.sante.guichet.catalogue.offer-published.v1':
    case 'fr.sante.guichet.catalogue.offer-updated.v1': {
      const { offer } = event.data;
      await catalogue.recordOffer({ id: offer.id, kind: offer.kind, communeCode: offer.details.communeCode, version: offer.version });
      return;
    }
    case 'fr.sante.guichet.catalogue.zoning-changed.v1':
      await catalogue.recordZoning(
        event.data.importId,
        event.data.entries.map((entry) => ({
          communeCode: entry.communeCode,
          zone: entry.zone,
          effectiveFrom: entry.effectiveFrom,
          ...(entry.effectiveUntil ? { effectiveUntil: entry.effectiveUntil } : {}),
        })),
      );
      return;
    case 'fr.sante.guichet.catalogue.offer-withdrawn.v1':
    case 'fr.sante.guichet.catalogue.offer-reserved.v1':
    case 'fr.sante.guichet.catalogue.offer-released.v1':
    case 'fr.sante.guichet.catalogue.aid-scheme-changed.v1':
      return;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
