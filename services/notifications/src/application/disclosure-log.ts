import { cloudEventSources, eventCatalogue, topics, type EventType } from '@guichet/contracts';
import type { OutboundEvent } from '@guichet/platform';
import { nameBasedUuid } from '../domain/ids.js';
import { disclosureRecords, type Disclosure } from '../domain/disclosures.js';

const CASE_ACCESSES: EventType = 'fr.sante.guichet.audit.case-accesses.v1';

/** Where disclosures to partners go, for the candidates' access logs (`audit.case-access.v1`). */
export interface DisclosureLog {
  /** Published at least once; the same disclosures recorded again are not published again, and intake logs each disclosure once by its id. */
  record(disclosures: readonly Disclosure[]): Promise<void>;
}

/**
 * Whether an event goes to the access topic: the records of this version, and the single
 * disclosures (`case-accessed`) an instance of the version before left in the outbox.
 */
export const isDisclosureEvent = (type: string): boolean => eventCatalogue[type as EventType]?.topic === topics.auditCaseAccess;

/** The disclosures of one write as events: one per case they concern. */
export function disclosureEvents(disclosures: readonly Disclosure[]): OutboundEvent[] {
  return disclosureRecords(disclosures).map((record) => ({
    id: record.id,
    type: CASE_ACCESSES,
    source: cloudEventSources.notifications,
    subject: record.data.requestId,
    time: record.time,
    key: record.data.requestId,
    data: record.data,
  }));
}

/** The id of a write of disclosures made of themselves: the same disclosures, the same write. */
export const disclosureWriteId = (disclosures: readonly Disclosure[]): string => nameBasedUuid('disclosure-write', ...disclosures.map((d) => d.id).sort());
