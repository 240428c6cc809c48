import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { Partitioners, type Consumer, type KafkaMessage, type Producer } from 'kafkajs';
import type { Logger } from '../logger/create-logger.js';
import { contextFromCarrier } from '../telemetry/trace-context.js';
import { backoffDelay, sleep, type BackoffOptions } from './backoff.js';
import { decodeBinary, headerText, type InboundEvent, type RawRecord, type RecordSource } from './cloudevents.js';
import { kafkajsOf, type KafkaClient } from './client.js';
import { deadLetterRecord, dlqTopicOf, UnprocessableEvent } from './dead-letter.js';

export type EventValidation = { ok: true } | { ok: false; reasons: string[] };

export interface ConsumerOptions {
  kafka: KafkaClient;
  groupId: string;
  topics: readonly string[];
  handle(event: InboundEvent): Promise<void>;
  /** Contract check on receipt; a refusal sends the message to the DLQ without calling `handle`. */
  validate?(event: InboundEvent): EventValidation;
  /** Further attempts after the first failure of `handle`, before the DLQ. */
  retries?: number;
  backoff?: BackoffOptions;
  dlqTopicFor?(topic: string): string;
  /** Where a new consumer group starts; true so a fresh service misses nothing already published. */
  fromBeginning?: boolean;
  /** Partitions handled in parallel; order within a partition (one aggregate) is kept. */
  concurrency?: number;
  logger: Logger;
}

export interface RunningConsumer {
  /** Waits for the in-flight message, commits what was handled, leaves the group. */
  stop(): Promise<void>;
  /** False after the client crashed without restarting (readiness). */
  isHealthy(): boolean;
}

type Outcome = 'handled' | 'dead-lettered' | 'interrupted';

// A validator that throws is a bug in our contract code; the message is dead-lettered with it rather than blocking the partition.
function checkContract(validate: ConsumerOptions['validate'], event: InboundEvent): EventValidation {
  if (!validate) return { ok: true };
  try {
    return validate(event);
  } catch (error) {
    return { ok: false, reasons: [`validation impossible : ${error instanceof Error ? error.message : String(error)}`] };
  }
}

const tracer = () => trace.getTracer('@guichet/platform/kafka');

function startProcessSpan(from: RecordSource, record: RawRecord, eventId: string | undefined): Span {
  const traceparent = headerText(record.headers['traceparent']);
  const tracestate = headerText(record.headers['tracestate']);
  const parent = contextFromCarrier({ ...(traceparent ? { traceparent } : {}), ...(tracestate ? { tracestate } : {}) });
  return tracer().startSpan(
    `process ${from.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': from.topic,
        'messaging.destination.partition.id': String(from.partition),
        'messaging.kafka.offset': Number(from.offset),
        ...(eventId ? { 'messaging.message.id': eventId } : {}),
      },
    },
    parent,
  );
}

export async function runConsumer(options: ConsumerOptions): Promise<RunningConsumer> {
  const { kafka, groupId, topics, handle, validate, retries = 3, backoff, logger } = options;
  const dlqTopicFor = options.dlqTopicFor ?? dlqTopicOf;
  const client = kafkajsOf(kafka);
  const consumer: Consumer = client.consumer({ groupId });
  const dlqProducer: Producer = client.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const stopping = new AbortController();
  let healthy = true;
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) healthy = false;
    logger.error({ err: payload.error, groupId, restart: payload.restart }, 'consommateur Kafka en échec');
  });

  const deadLetter = async (record: RawRecord, from: RecordSource, reasons: string[]): Promise<'dead-lettered'> => {
    const dlq = deadLetterRecord(record, from, reasons);
    await dlqProducer.send({ topic: dlqTopicFor(from.topic), acks: -1, messages: [dlq] });
    logger.warn({ ...from, dlqTopic: dlqTopicFor(from.topic), reasons }, 'message envoyé en file de rejet');
    return 'dead-lettered';
  };

  const handleWithRetries = async (event: InboundEvent, record: RawRecord, from: RecordSource, heartbeat: () => Promise<void>): Promise<Outcome> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await handle(event);
        return 'handled';
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (error instanceof UnprocessableEvent || attempt >= retries) {
          trace.getActiveSpan()?.recordException(error as Error);
          return deadLetter(record, from, [`échec du traitement après ${attempt + 1} tentative(s) : ${reason}`]);
        }
        logger.warn({ err: error, ...from, eventId: event.id, attempt: attempt + 1 }, 'échec du traitement, nouvel essai');
        if (!(await sleep(backoffDelay(attempt, backoff), stopping.signal))) return 'interrupted';
        await heartbeat();
      }
    }
  };

  const processRecord = async (message: KafkaMessage, from: RecordSource, heartbeat: () => Promise<void>): Promise<Outcome> => {
    const record: RawRecord = { key: message.key, value: message.value, headers: message.headers ?? {} };
    const decoded = decodeBinary(record, from);
    const span = startProcessSpan(from, record, decoded.ok ? decoded.event.id : undefined);
    try {
      const outcome = await context.with(trace.setSpan(context.active(), span), async (): Promise<Outcome> => {
        if (!decoded.ok) return deadLetter(record, from, decoded.reasons);
        const validation = checkContract(validate, decoded.event);
        if (!validation.ok) return deadLetter(record, from, validation.reasons);
        return handleWithRetries(decoded.event, record, from, heartbeat);
      });
      if (outcome === 'dead-lettered') span.setStatus({ code: SpanStatusCode.ERROR, message: 'dead-lettered' });
      return outcome;
    } finally {
      span.end();
    }
  };

  await dlqProducer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: options.fromBeginning ?? true });
  await consumer.run({
    autoCommit: true,
    autoCommitInterval: 1000,
    // Offsets are resolved one by one, after each message is handled or dead-lettered, and only those are committed.
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.concurrency ?? 1,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) break;
        const from = { topic: batch.topic, partition: batch.partition, offset: message.offset };
        if ((await processRecord(message, from, heartbeat)) === 'interrupted') break;
        resolveOffset(message.offset);
        await commitOffsetsIfNecessary();
        await heartbeat();
      }
    },
  });

  return {
    async stop() {
      stopping.abort();
      await consumer.disconnect();
      await dlqProducer.disconnect();
    },
    isHealthy: () => healthy,
  };
}
