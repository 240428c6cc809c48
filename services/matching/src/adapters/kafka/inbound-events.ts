import { eventCatalogue, fieldErrorsFromValidationErrors, isEventType, parseEvent, type EventOnTopic, type GuichetEvent, type Topic } from '@guichet/contracts';
import type { EventValidation, InboundEvent } from '@guichet/platform';

/**
 * Events that passed `validatorFor`, with their typed form: the consumer hands the handler the
 * object it checked, so `typed` reads it without running the schema a second time.
 */
const checked = new WeakMap<InboundEvent, { readonly topic: Topic; readonly event: GuichetEvent }>();

/** Contract check on receipt: a known type of the expected stream, whose data fits its schema. */
export function validatorFor(topic: Topic): (event: InboundEvent) => EventValidation {
  return (event) => {
    if (!isEventType(event.type) || eventCatalogue[event.type].topic !== topic) return { ok: false, reasons: [`type d'événement « ${event.type} » inattendu sur ${topic}`] };
    const parsed = parseEvent(event.type, event.data);
    if (parsed.ok) {
      checked.set(event, { topic, event: parsed.value });
      return { ok: true };
    }
    return { ok: false, reasons: fieldErrorsFromValidationErrors(parsed.errors).map((e) => `${e.field || '(corps)'} : ${e.detail}`) };
  };
}

/** The typed event of a message that passed `validatorFor(topic)`; one that did not is checked here. */
export function typed<T extends Topic>(topic: T, event: InboundEvent): EventOnTopic<T> {
  const known = checked.get(event);
  if (known?.topic === topic) return known.event as EventOnTopic<T>;
  const parsed = parseEvent(event.type, event.data);
  if (!parsed.ok || !isEventType(event.type) || eventCatalogue[event.type].topic !== topic) throw new Error(`événement ${event.id} non conforme au contrat de ${topic}`);
  return parsed.value as EventOnTopic<T>;
}
