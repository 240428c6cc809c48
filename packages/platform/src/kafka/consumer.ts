import { context, SpanKind, SpanStatusCode, trace, type Context, type Link, type Span } from '@opentelemetry/api';
import { Partitioners, type Consumer, type EachBatchPayload, type KafkaMessage, type Producer } from 'kafkajs';
import type { Logger } from '../logger/create-logger.js';
import { contextFromCarrier, type TraceCarrier } from '../telemetry/trace-context.js';
import { backoffDelay, sleep, type BackoffOptions } from './backoff.js';
import { decodeBinary, headerText, type InboundEvent, type RawRecord, type RecordSource } from './cloudevents.js';
import { kafkajsOf, trackGroup, type KafkaClient } from './client.js';
import { deadLetterRecord, dlqTopicOf, UnprocessableEvent } from './dead-letter.js';

export type EventValidation = { ok: true } | { ok: false; reasons: string[] };

export interface ConsumerOptions {
  kafka: KafkaClient;
  groupId: string;
  topics: readonly string[];
  handle(event: InboundEvent): Promise<void>;
  /**
   * When given, the valid events of each fetched batch of a partition (up to `maxBatch`) are
   * handled together, in order; if that keeps failing, they are handled one by one through
   * `handle`, so only the faulty one reaches the DLQ. For handlers whose cost is per write, not per event.
   */
  handleBatch?(events: readonly InboundEvent[]): Promise<void>;
  maxBatch?: number;
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
  /** Silence after which the group drops a member (kafkajs' default, 30 s, when absent). */
  sessionTimeoutMs?: number;
  /**
   * For a consumer whose events may wait (nothing a request waits for depends on it): the broker
   * holds each fetch up to this long to gather the records that follow, so that one fetch and one
   * batch take many events instead of one each. Absent: a fetch is answered as soon as a record is there.
   */
  gatherMs?: number;
  /**
   * For what each instance keeps whole in memory (a read model): the group is this process's
   * alone. It commits no offset, so each start reads again from where `fromBeginning` says, and it
   * is deleted once the consumer has left it. `stale` picks the groups of the same kind that
   * instances left behind (killed): those without a member are deleted at start. A killed
   * instance's group, which holds no offset, is also dropped by the broker once it is empty.
   */
  instanceGroup?: { stale(groupId: string): boolean };
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

/** How often a member handling a batch together tells the group it is alive (kafkajs sends at most one per heartbeat interval). */
const HEARTBEAT_WHILE_BUSY_MS = 1000;
const JOIN_WAIT_MS = 60_000;
/** What a gathering fetch waits for at most (`gatherMs`): kafkajs' own limit of a fetch per partition. */
const GATHERED_BYTES = 1024 * 1024;

const tracer = () => trace.getTracer('@guichet/platform/kafka');

function startProcessSpan(from: RecordSource, carrier: TraceCarrier, eventId: string | undefined, links: Link[] = []): Span {
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
      links,
    },
    contextFromCarrier(carrier),
  );
}

function carrierOf(record: RawRecord): TraceCarrier {
  const traceparent = headerText(record.headers['traceparent']);
  const tracestate = headerText(record.headers['tracestate']);
  return { ...(traceparent ? { traceparent } : {}), ...(tracestate ? { tracestate } : {}) };
}

/**
 * The processing context of each event of a batch being handled together (see `inEventContext`),
 * by event id: a handler may be given a copy of the event (its sealed payload opened, see
 * openingSealedEvents), which must find its trace as the original does.
 */
const batchedEvents = new Map<string, Context>();

/**
 * Runs `work` in the trace of `event`'s producer: inside `handleBatch`, the active span is the
 * batch's, which belongs to no request, so what a handler writes or publishes for one event
 * (outbox entries, database commands, logs) is traced under that event's own processing span.
 * Outside a batch the event's span is already active and `work` runs as is.
 */
export function inEventContext<T>(event: InboundEvent, work: () => T): T {
  const own = batchedEvents.get(event.id);
  return own ? context.with(own, work) : work();
}

/**
 * Spans of a batch handled together, as OpenTelemetry's messaging conventions draw them: one
 * batch span linked to every message's producer, and one span per message, child of its producer
 * (the request's trace goes on) and linked to the batch.
 */
function startBatchSpans(events: readonly InboundEvent[]): { batch: Span; perEvent: Span[] } {
  const links: Link[] = [];
  for (const event of events) {
    const producer = trace.getSpanContext(contextFromCarrier(event));
    if (producer) links.push({ context: producer });
  }
  const topic = events[0]?.topic ?? '';
  const batch = tracer().startSpan(
    `process ${topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'process', 'messaging.destination.name': topic, 'messaging.batch.message_count': events.length },
      links,
    },
    trace.deleteSpan(context.active()),
  );
  const perEvent = events.map((event) => {
    const span = startProcessSpan(event, event, event.id, [{ context: batch.spanContext() }]);
    batchedEvents.set(event.id, trace.setSpan(contextFromCarrier(event), span));
    return span;
  });
  return { batch, perEvent };
}

/**
 * How often a group commits the offsets it handled. kafkajs' autoCommit commits after every
 * fetched batch of each partition whatever its interval, one offset commit for the broker each
 * (a write of its offsets log); a restart or a rebalance hands what was handled since the last
 * commit over again, which the handlers take as repeats.
 */
const COMMIT_EVERY_MS = 1000;

interface OffsetCommitter {
  /** `offset` of `topic`/`partition` is handled: the group will read on from the next one. */
  handled(topic: string, partition: number, offset: string): void;
  /**
   * Commits what was handled if the last commit is older than COMMIT_EVERY_MS. Not awaited by the
   * handling: kafkajs retries a commit refused during a rebalance, which the member completes
   * only once its batch is over.
   */
  commitIfDue(): Promise<void>;
  /** Commits what was handled now; never rejects (a failure is logged, the offsets kept for the next commit). */
  commitNow(): Promise<void>;
  /** After a rebalance: forgets the partitions the member no longer reads, whose offsets are their new reader's to commit. */
  keepOnly(assignment: Readonly<Record<string, readonly number[]>>): void;
}

/** The handled offsets of a group, committed together in one request, one commit at a time so that none goes back. */
function offsetCommitter(consumer: Consumer, groupId: string, logger: Logger): OffsetCommitter {
  const uncommitted = new Map<string, { topic: string; partition: number; offset: string }>();
  const keyOf = (topic: string, partition: number) => `${partition}:${topic}`;
  let committing = Promise.resolve();
  let lastCommitAt = Date.now();
  const commitNow = (): Promise<void> => {
    // Counted from the asking: a commit kafkajs retries through a rebalance does not make every batch meanwhile queue one more.
    lastCommitAt = Date.now();
    committing = committing.then(async () => {
      if (uncommitted.size === 0) return;
      const offsets = [...uncommitted.values()];
      uncommitted.clear();
      try {
        await consumer.commitOffsets(offsets);
      } catch (error) {
        for (const offset of offsets) {
          const key = keyOf(offset.topic, offset.partition);
          if (!uncommitted.has(key)) uncommitted.set(key, offset);
        }
        logger.warn({ err: error, groupId }, 'positions de lecture non enregistrées, nouvel essai au prochain enregistrement');
      }
    });
    return committing;
  };
  return {
    handled(topic, partition, offset) {
      uncommitted.set(keyOf(topic, partition), { topic, partition, offset: (BigInt(offset) + 1n).toString() });
    },
    commitIfDue: () => (Date.now() - lastCommitAt >= COMMIT_EVERY_MS ? commitNow() : committing),
    commitNow,
    keepOnly(assignment) {
      for (const [key, { topic, partition }] of uncommitted) if (!assignment[topic]?.includes(partition)) uncommitted.delete(key);
    },
  };
}

/** The group the consumer has just left: empty once the broker has handled the departure. */
async function deleteLeftGroup(kafka: KafkaClient, groupId: string, logger: Logger): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      if ((await kafka.deleteGroupsWithoutMembers((id) => id === groupId)).busy.length === 0) return;
    } catch (error) {
      logger.warn({ err: error, groupId }, 'suppression du groupe de consommateurs de l’instance impossible');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, { initialMs: 100, maxMs: 1000 })));
  }
  logger.warn({ groupId }, 'groupe de consommateurs de l’instance toujours occupé : le courtier le supprimera une fois vide');
}

export async function runConsumer(options: ConsumerOptions): Promise<RunningConsumer> {
  const { kafka, groupId, topics, handle, handleBatch, validate, retries = 3, backoff, logger, instanceGroup } = options;
  const commits = instanceGroup === undefined;
  const dlqTopicFor = options.dlqTopicFor ?? dlqTopicOf;
  const client = kafkajsOf(kafka);
  const consumer: Consumer = client.consumer({
    groupId,
    ...(options.sessionTimeoutMs === undefined ? {} : { sessionTimeout: options.sessionTimeoutMs }),
    ...(options.gatherMs === undefined ? {} : { minBytes: GATHERED_BYTES, maxWaitTimeInMs: options.gatherMs }),
  });
  const dlqProducer: Producer = client.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const stopping = new AbortController();
  let healthy = true;
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) healthy = false;
    logger.error({ err: payload.error, groupId, restart: payload.restart }, 'consommateur Kafka en échec');
  });

  const deadLetter = async (record: RawRecord, from: RecordSource, reasons: string[]): Promise<'dead-lettered'> => {
    const dlq = deadLetterRecord(record, from, reasons, { consumer: groupId, failedAt: new Date().toISOString() });
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
    const span = startProcessSpan(from, carrierOf(record), decoded.ok ? decoded.event.id : undefined);
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

  const handleTogether = async (events: readonly InboundEvent[]): Promise<boolean> => {
    const { batch, perEvent } = startBatchSpans(events);
    const fail = (error: unknown) => {
      for (const span of [batch, ...perEvent]) {
        span.recordException(error instanceof Error ? error : new Error(String(error)));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
    };
    try {
      for (let attempt = 0; ; attempt += 1) {
        try {
          await context.with(trace.setSpan(context.active(), batch), () => (handleBatch as NonNullable<typeof handleBatch>)(events));
          return true;
        } catch (error) {
          if (attempt >= retries) {
            fail(error);
            logger.warn({ err: error, count: events.length }, 'échec du traitement du lot, traitement message par message');
            return false;
          }
          logger.warn({ err: error, count: events.length, attempt: attempt + 1 }, 'échec du traitement du lot, nouvel essai');
          if (!(await sleep(backoffDelay(attempt, backoff), stopping.signal))) return false;
        }
      }
    } finally {
      for (const event of events) batchedEvents.delete(event.id);
      for (const span of perEvent) span.end();
      batch.end();
    }
  };

  const processBatch = async (messages: readonly KafkaMessage[], topic: string, partition: number, heartbeat: () => Promise<void>, resolveOffset: (offset: string) => void): Promise<void> => {
    const valid: Array<{ event: InboundEvent; message: KafkaMessage; from: RecordSource }> = [];
    for (const message of messages) {
      const from = { topic, partition, offset: message.offset };
      const record: RawRecord = { key: message.key, value: message.value, headers: message.headers ?? {} };
      const decoded = decodeBinary(record, from);
      const validation = decoded.ok ? checkContract(validate, decoded.event) : decoded;
      if (decoded.ok && validation.ok) valid.push({ event: decoded.event, message, from });
      else await deadLetter(record, from, validation.ok ? [] : validation.reasons);
    }
    if (valid.length > 0 && !(await handleTogether(valid.map((v) => v.event)))) {
      for (const { message, from } of valid) {
        if (stopping.signal.aborted) return;
        if ((await processRecord(message, from, heartbeat)) === 'interrupted') return;
      }
    }
    if (stopping.signal.aborted && valid.length > 0) return;
    for (const message of messages) resolveOffset(message.offset);
  };

  if (instanceGroup) {
    // Housekeeping: the service runs without it (the broker drops those groups once empty).
    try {
      const { deleted } = await kafka.deleteGroupsWithoutMembers((id) => id !== groupId && instanceGroup.stale(id));
      if (deleted.length > 0) logger.info({ groups: deleted }, 'groupes de consommateurs d’instances arrêtées supprimés');
    } catch (error) {
      logger.warn({ err: error, groupId }, 'groupes de consommateurs d’instances arrêtées non supprimés');
    }
  }
  await dlqProducer.connect();
  await consumer.connect();
  const fromBeginning = options.fromBeginning ?? true;
  const committer = commits ? offsetCommitter(consumer, groupId, logger) : undefined;
  if (committer) {
    // Best effort: what was handled before a rebalance is committed while the member still owns it.
    consumer.on(consumer.events.REBALANCING, () => void committer.commitNow());
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => committer.keepOnly(payload.memberAssignment));
  }
  // What was handled last, once no batch follows.
  const commitTimer = committer ? setInterval(() => void committer.commitIfDue(), COMMIT_EVERY_MS) : undefined;
  commitTimer?.unref();
  const batches = new Set<Promise<void>>();
  const joined = new Promise<void>((resolve) => {
    const off = consumer.on(consumer.events.GROUP_JOIN, () => {
      off();
      resolve();
    });
  });
  await consumer.subscribe({ topics: [...topics], fromBeginning });
  // A group without offsets has no lag to measure.
  const untrack = commits ? trackGroup(kafka, groupId, { topics: [...topics], fromBeginning }) : () => undefined;
  const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> => {
    const goOn = () => isRunning() && !isStale() && !stopping.signal.aborted;
    const resolve = (offset: string) => {
      resolveOffset(offset);
      committer?.handled(batch.topic, batch.partition, offset);
    };
    if (handleBatch) {
      const size = options.maxBatch ?? 500;
      for (let start = 0; start < batch.messages.length; start += size) {
        if (!goOn()) break;
        // A batch handled together (webhooks sent inline, say) may outlast the session timeout:
        // without heartbeats meanwhile the group drops the member, which handles it again, forever.
        const keepAlive = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_WHILE_BUSY_MS);
        try {
          await processBatch(batch.messages.slice(start, start + size), batch.topic, batch.partition, heartbeat, resolve);
        } finally {
          clearInterval(keepAlive);
        }
        void committer?.commitIfDue();
        await heartbeat();
      }
      return;
    }
    for (const message of batch.messages) {
      if (!goOn()) break;
      const from = { topic: batch.topic, partition: batch.partition, offset: message.offset };
      if ((await processRecord(message, from, heartbeat)) === 'interrupted') break;
      resolve(message.offset);
      void committer?.commitIfDue();
      await heartbeat();
    }
  };
  await consumer.run({
    // Offsets are resolved one by one, after each message is handled or dead-lettered, and only those are committed, by the committer.
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.concurrency ?? 1,
    eachBatch: (payload) => {
      const running = eachBatch(payload).finally(() => batches.delete(running));
      batches.add(running);
      return running;
    },
  });

  // A new group starting at the end of its topics takes that position when it joins: until then,
  // what is published would be skipped, so the service is not ready before.
  if (!fromBeginning) {
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([joined.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), JOIN_WAIT_MS)))]);
    clearTimeout(timer);
    if (!waited) logger.warn({ groupId, waitedMs: JOIN_WAIT_MS }, 'groupe de consommateurs pas encore rejoint');
  }

  return {
    async stop() {
      untrack();
      stopping.abort();
      clearInterval(commitTimer);
      // No more fetches while the batches under way end: the member stays in the group until it has committed them.
      try {
        consumer.pause(topics.map((topic) => ({ topic })));
      } catch {
        // Refused only while kafkajs restarts a crashed consumer: it fetches nothing then.
      }
      // Committed before leaving the group: once it has left, the member's commits are refused.
      await Promise.allSettled(batches);
      await committer?.commitNow();
      await consumer.disconnect();
      await dlqProducer.disconnect();
      if (instanceGroup) await deleteLeftGroup(kafka, groupId, logger);
    },
    isHealthy: () => healthy,
  };
}
