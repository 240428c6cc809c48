import type { OutboundEvent } from './cloudevents.js';
import type { EventProducer, TopicEvents } from './producer.js';

/**
 * Bytes of event data per send. The broker refuses a request over its `message.max.bytes` (1 MB
 * by default), and a refused send leaves the idempotent producer out of sequence.
 */
export const SEND_BYTES = 512 * 1024;

/**
 * The events as consecutive sends of at most `limit` bytes of data each, every send holding the
 * events of each of its topics in their given order (an event alone may exceed the limit: sent by itself).
 */
export function sendsUnderLimit<E extends OutboundEvent>(events: readonly E[], topicOf: (event: E) => string, limit = SEND_BYTES): TopicEvents[][] {
  const byTopic = new Map<string, E[]>();
  for (const event of events) {
    const topic = topicOf(event);
    const run = byTopic.get(topic);
    if (run) run.push(event);
    else byTopic.set(topic, [event]);
  }
  const sends: TopicEvents[][] = [];
  let send = new Map<string, E[]>();
  let bytes = 0;
  for (const [topic, run] of byTopic) {
    for (const event of run) {
      const size = Buffer.byteLength(JSON.stringify(event.data));
      if (send.size > 0 && bytes + size > limit) {
        sends.push([...send].map(([name, part]) => ({ topic: name, events: part })));
        send = new Map();
        bytes = 0;
      }
      const part = send.get(topic);
      if (part) part.push(event);
      else send.set(topic, [event]);
      bytes += size;
    }
  }
  if (send.size > 0) sends.push([...send].map(([name, part]) => ({ topic: name, events: part })));
  return sends;
}

/**
 * Publishes events on their topics, all topics in one send while under the send limit, the
 * events of a topic in the order they are given. Resolves once all are acknowledged.
 */
export async function publishByTopic<E extends OutboundEvent>(producer: EventProducer, events: readonly E[], topicOf: (event: E) => string, limit = SEND_BYTES): Promise<void> {
  for (const send of sendsUnderLimit(events, topicOf, limit)) await producer.publishTogether(send);
}
