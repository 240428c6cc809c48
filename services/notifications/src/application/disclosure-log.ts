import { cloudEventSources } from '@guichet/contracts';
import type { OutboundEvent } from '@guichet/platform';
import type { Disclosure } from '../domain/disclosures.js';

export const CASE_ACCESSED = 'fr.sante.guichet.audit.case-accessed.v1';

/** Where disclosures to partners go, for the candidates' access logs (`audit.case-access.v1`). */
export interface DisclosureLog {
  /** Published at least once; a disclosure already recorded (same id) is not published again. */
  record(disclosures: readonly Disclosure[]): Promise<void>;
}

export function disclosureEvent(disclosure: Disclosure): OutboundEvent {
  return {
    id: disclosure.id,
    type: CASE_ACCESSED,
    source: cloudEventSources.notifications,
    subject: disclosure.data.requestId,
    time: disclosure.data.at,
    key: disclosure.data.requestId,
    data: disclosure.data,
  };
}
