import { randomBytes } from 'node:crypto';
import { sealEventData } from '@guichet/contracts';
import type { DataKeyVault, EventProducer, OutboundEvent } from '@guichet/platform';
import { INTAKE_EVENTS } from '../../domain/index.js';

/**
 * Seals the data of every event with its case's key as it leaves for Kafka: the topic, its dead
 * letters and any copy of them hold nothing readable once the erasure destroys the key.
 * `request-erased` stays in clear: it is what tells the consumers to forget, after the key is gone.
 */
export function sealingProducer(producer: EventProducer, keys: DataKeyVault): EventProducer {
  const seal = async (event: OutboundEvent): Promise<OutboundEvent> => {
    if (event.type === INTAKE_EVENTS.erased) return event;
    // An event still waiting in the outbox when its case was erased leaves sealed with a key nobody keeps.
    const key = (await keys.keyFor(event.key)) ?? randomBytes(32);
    return { ...event, data: sealEventData(event.data, event.key, key) };
  };
  return {
    publish: async (topic, events) => producer.publish(topic, await Promise.all(events.map(seal))),
    publishTogether: async (sends) => producer.publishTogether(await Promise.all(sends.map(async ({ topic, events }) => ({ topic, events: await Promise.all(events.map(seal)) })))),
    disconnect: () => producer.disconnect(),
  };
}
