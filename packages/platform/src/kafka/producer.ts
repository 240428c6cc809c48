import { propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { Partitioners, type Producer } from 'kafkajs';
import { contextFromCarrier } from '../telemetry/trace-context.js';
import { encodeBinary, type OutboundEvent } from './cloudevents.js';
import { kafkajsOf, type KafkaClient } from './client.js';

/** Events bound for one topic, in the order they must keep there. */
export interface TopicEvents {
  topic: string;
  events: readonly OutboundEvent[];
}

export interface EventProducer {
  /** Resolves once every event is acknowledged by all in-sync replicas, in the given order. */
  publish(topic: string, events: readonly OutboundEvent[]): Promise<void>;
  /**
   * The events of several topics in one produce request per broker, each topic's in its given
   * order; resolves once all are acknowledged.
   */
  publishTogether(sends: readonly TopicEvents[]): Promise<void>;
  disconnect(): Promise<void>;
}

const tracer = () => trace.getTracer('@guichet/platform/kafka');

/**
 * One PRODUCER span per event, child of the event's stored `traceparent` when it has one (the
 * outbox keeps the request's context) or of the active context; the message then carries the
 * producer span's own context so the consumer continues the same trace.
 */
function startPublishSpan(topic: string, event: OutboundEvent): { span: Span; headers: OutboundEvent } {
  const parent = contextFromCarrier(event);
  const span = tracer().startSpan(
    `send ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.destination.name': topic,
        'messaging.message.id': event.id,
        'messaging.kafka.message.key': event.key,
        'cloudevents.event_type': event.type,
      },
    },
    parent,
  );
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(parent, span), carrier);
  const { traceparent, tracestate } = carrier;
  return { span, headers: { ...event, ...(traceparent ? { traceparent } : {}), ...(tracestate ? { tracestate } : {}) } };
}

export async function createProducer(client: KafkaClient): Promise<EventProducer> {
  // Idempotence needs acks=all and one in-flight request; the latter also keeps per-partition order across retries.
  const producer: Producer = kafkajsOf(client).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const publishTogether = async (sends: readonly TopicEvents[]): Promise<void> => {
    // kafkajs keeps one entry per topic in a request: a topic named twice would lose its first events.
    const perTopic = new Map<string, Array<ReturnType<typeof startPublishSpan>>>();
    for (const { topic, events } of sends) {
      if (events.length === 0) continue;
      const spans = events.map((event) => startPublishSpan(topic, event));
      const earlier = perTopic.get(topic);
      if (earlier) earlier.push(...spans);
      else perTopic.set(topic, spans);
    }
    if (perTopic.size === 0) return;
    const started = [...perTopic.values()].flat();
    try {
      await producer.sendBatch({ acks: -1, topicMessages: [...perTopic].map(([topic, spans]) => ({ topic, messages: spans.map(({ headers }) => encodeBinary(headers)) })) });
    } catch (error) {
      for (const { span } of started) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      throw error;
    } finally {
      for (const { span } of started) span.end();
    }
  };
  return {
    publish: (topic, events) => publishTogether([{ topic, events }]),
    publishTogether,
    disconnect: () => producer.disconnect(),
  };
}
