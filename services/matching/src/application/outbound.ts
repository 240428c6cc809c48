import { cloudEventSources, fieldErrorsFromValidationErrors, partitionKeyOf, validateEvent, type EventPayloads, type EventType, type GuichetEvent } from '@guichet/contracts';
import type { OutboundEvent } from '@guichet/platform';

export interface EventMeta {
  readonly id: string;
  /** RFC 3339 time of the fact. */
  readonly time: string;
  /** `ce_subject`, e.g. `offers/<id>`. */
  readonly subject: string;
}

/**
 * An event of the matching service, checked against its contract before it is stored in an
 * outbox: a payload that breaks the contract is a bug here, never something to publish.
 */
export function outbound<K extends EventType>(type: K, data: EventPayloads[K], meta: EventMeta): OutboundEvent<EventPayloads[K]> {
  const checked = validateEvent(type, data);
  if (!checked.ok) {
    const fields = fieldErrorsFromValidationErrors(checked.errors).map((e) => `${e.field} : ${e.detail}`).join(' ; ');
    throw new Error(`événement ${type} non conforme à son contrat : ${fields}`);
  }
  return {
    id: meta.id,
    type,
    source: cloudEventSources.matching,
    subject: meta.subject,
    time: meta.time,
    key: partitionKeyOf({ type, data } as GuichetEvent),
    // A plain JSON copy: what is stored and published is exactly what was checked, without `undefined` members.
    data: JSON.parse(JSON.stringify(data)) as EventPayloads[K],
  };
}
