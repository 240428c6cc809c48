import { isEventType, topicOf } from '@guichet/contracts';
import type { EventProducer, OutboxEntry } from '@guichet/platform';

/**
 * Sends outbox entries of a case on intake's topic (idempotent producer, acks=all), refusing any
 * event that does not belong there. The entries leave the case only after this resolves.
 */
export function outboxPublisher(producer: EventProducer, topic: string): (entries: readonly OutboxEntry[]) => Promise<void> {
  return async (entries) => {
    for (const entry of entries) {
      if (!isEventType(entry.type) || topicOf(entry.type) !== 'intake.requests.v1') throw new Error(`type d’événement inattendu dans la boîte d’envoi : ${entry.type}`);
    }
    await producer.publish(topic, entries);
  };
}
