import { cloudEventSources, fieldErrorsFromValidationErrors, partitionKeyOf, validateEvent, type EventPayloads, type EventType, type GuichetEvent } from '@guichet/contracts';
import type { OutboundEvent } from '@guichet/platform';

export interface EventMeta {
  readonly id: string;
  /** RFC 3339 time of the fact. */
  readonly time: string;
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
  // `ce_subject` is the aggregate's id, as the Kafka key (contracts/asyncapi.yaml): partners and
  // tools filter one case or one offer by it whichever topic they read.
  const key = partitionKeyOf({ type, data } as GuichetEvent);
  return {
    id: meta.id,
    type,
    source: cloudEventSources.matching,
    subject: key,
    time: meta.time,
    key,
    // A plain JSON copy: what is stored and published is exactly what was checked, without `undefined` members.
    data: JSON.parse(JSON.stringify(data)) as EventPayloads[K],
  };
}
