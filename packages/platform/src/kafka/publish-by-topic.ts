import type { OutboundEvent } from './cloudevents.js';
import type { EventProducer } from './producer.js';

/**
 * Bytes of event data per send. The broker refuses a request over its `message.max.bytes` (1 MB
 * by default), and a refused send leaves the idempotent producer out of sequence.
 */
export const SEND_BYTES = 512 * 1024;

/** Consecutive parts of at most `limit` bytes of data each (an event alone may exceed it: sent by itself). */
export function underSendLimit<E extends OutboundEvent>(events: readonly E[], limit = SEND_BYTES): E[][] {
  const parts: E[][] = [];
  let part: E[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = Buffer.byteLength(JSON.stringify(event.data));
    if (part.length > 0 && bytes + size > limit) {
      parts.push(part);
      part = [];
      bytes = 0;
    }
    part.push(event);
    bytes += size;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/**
 * Publishes events on their topics, one send per topic and part under the send limit; the events
 * of a topic keep the order they are given in. Resolves once all are acknowledged.
 */
export async function publishByTopic<E extends OutboundEvent>(producer: EventProducer, events: readonly E[], topicOf: (event: E) => string, limit = SEND_BYTES): Promise<void> {
  const byTopic = new Map<string, E[]>();
  for (const event of events) {
    const topic = topicOf(event);
    const run = byTopic.get(topic);
    if (run) run.push(event);
    else byTopic.set(topic, [event]);
  }
  for (const [topic, run] of byTopic) for (const part of underSendLimit(run, limit)) await producer.publish(topic, part);
}
