import type { EventPayloads } from './generated/events.js';
import { eventCatalogue } from './generated/events.js';
import type { Topic } from './topics.js';
import type { ValidationError, ValidationResult } from './validation.js';

export { eventCatalogue } from './generated/events.js';
export type { EventPayloads } from './generated/events.js';

export type EventType = keyof EventPayloads;

/** Discriminated union of every event of the desk: `switch (event.type)` narrows `event.data`. */
export type GuichetEvent = { [K in EventType]: { type: K; data: EventPayloads[K] } }[EventType];

export type EventOf<K extends EventType> = Extract<GuichetEvent, { type: K }>;

export type TopicOfEvent<K extends EventType> = (typeof eventCatalogue)[K]['topic'];

/** Events that travel on a given topic. */
export type EventOnTopic<P extends Topic> = {
  [K in EventType]: TopicOfEvent<K> extends P ? EventOf<K> : never;
}[EventType];

export const eventTypes = Object.keys(eventCatalogue) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventCatalogue, type);
}

export function topicOf<K extends EventType>(type: K): TopicOfEvent<K> {
  return eventCatalogue[type].topic as TopicOfEvent<K>;
}

export function eventTypesOfTopic(topic: Topic): EventType[] {
  return eventTypes.filter((type) => eventCatalogue[type].topic === topic);
}

function unknownTypeResult(type: string): { ok: false; errors: ValidationError[] } {
  return {
    ok: false,
    errors: [
      {
        instancePath: '',
        schemaPath: '#/eventType',
        keyword: 'eventType',
        params: { type },
        message: `unknown event type ${type}`,
      },
    ],
  };
}

/** Validates an event's data against the schema of its type; an unknown type is an error. */
export function validateEvent<K extends EventType>(type: K, data: unknown): ValidationResult<EventPayloads[K]>;
export function validateEvent(type: string, data: unknown): ValidationResult<GuichetEvent['data']>;
export function validateEvent(type: string, data: unknown): ValidationResult<GuichetEvent['data']> {
  if (!isEventType(type)) return unknownTypeResult(type);
  const validate = eventCatalogue[type].validate as (d: unknown) => ValidationResult<GuichetEvent['data']>;
  return validate(data);
}

/** Validates and narrows a received event (`ce_type` header + JSON body) into a GuichetEvent. */
export function parseEvent(type: string, data: unknown): ValidationResult<GuichetEvent> {
  const result = validateEvent(type, data);
  if (!result.ok) return result;
  return { ok: true, value: { type, data: result.value } as GuichetEvent };
}

/** Kafka key of an event: the aggregate id found at the catalogue's key path (e.g. `offer.id`). */
export function partitionKeyOf(event: GuichetEvent): string {
  let node: unknown = event.data;
  for (const token of eventCatalogue[event.type].keyPath) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[token] : undefined;
  }
  if (typeof node !== 'string') throw new Error(`event ${event.type} has no partition key`);
  return node;
}
