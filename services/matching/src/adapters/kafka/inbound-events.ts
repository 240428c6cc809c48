import { eventCatalogue, fieldErrorsFromValidationErrors, isEventType, parseEvent, type EventOnTopic, type Topic } from '@guichet/contracts';
import type { EventValidation, InboundEvent } from '@guichet/platform';

/** Contract check on receipt: a known type of the expected stream, whose data fits its schema. */
export function validatorFor(topic: Topic): (event: InboundEvent) => EventValidation {
  return (event) => {
    if (!isEventType(event.type) || eventCatalogue[event.type].topic !== topic) return { ok: false, reasons: [`type d'événement « ${event.type} » inattendu sur ${topic}`] };
    const parsed = parseEvent(event.type, event.data);
    if (parsed.ok) return { ok: true };
    return { ok: false, reasons: fieldErrorsFromValidationErrors(parsed.errors).map((e) => `${e.field || '(corps)'} : ${e.detail}`) };
  };
}

/** The typed event of a message that passed `validatorFor(topic)`. */
export function typed<T extends Topic>(topic: T, event: InboundEvent): EventOnTopic<T> {
  const parsed = parseEvent(event.type, event.data);
  if (!parsed.ok || !isEventType(event.type) || eventCatalogue[event.type].topic !== topic) throw new Error(`événement ${event.id} non conforme au contrat de ${topic}`);
  return parsed.value as EventOnTopic<T>;
}
