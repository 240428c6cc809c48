import { topics } from '@guichet/contracts';
import { inEventContext, openingSealedEvents, runConsumer, type InboundEvent, type KafkaClient, type Logger, type RunningConsumer, type SealedData } from '@guichet/platform';
import { handleIntakeEvent } from '../../application/matching/handle-intake-event.js';
import type { MatchingDeps } from '../../application/matching/matching-deps.js';
import { typed, validatorFor } from './inbound-events.js';

export interface IntakeConsumerOptions {
  readonly kafka: KafkaClient;
  readonly topic: string;
  readonly groupId: string;
  readonly deps: MatchingDeps;
  readonly logger: Logger;
  /** Intake seals its events with each case's key: opened here, passed over once the case is erased. */
  readonly sealed: SealedData;
}

/**
 * Events handled at once: enough to share each insert among many requests, few enough that a
 * batch ends well within the group's session timeout (the consumer heartbeats between batches).
 */
const BATCH = 25;

async function handle(options: IntakeConsumerOptions, received: InboundEvent): Promise<void> {
  const outcome = await handleIntakeEvent(options.deps, received.id, typed(topics.intakeRequests, received));
  options.logger.debug({ eventId: received.id, type: received.type, outcome }, 'événement d’intake traité');
}

/** A batch's events by request (their Kafka key), each request's in the order of the batch. */
function byRequest(events: readonly InboundEvent[]): Map<string, InboundEvent[]> {
  const groups = new Map<string, InboundEvent[]>();
  for (const received of events) {
    const key = received.key ?? received.id;
    const group = groups.get(key);
    if (group) group.push(received);
    else groups.set(key, [received]);
  }
  return groups;
}

/** Reacts to intake's events (proposals, reservations, closing); one shared group across instances. */
export function runIntakeConsumer(options: IntakeConsumerOptions): Promise<RunningConsumer> {
  return runConsumer(openingSealedEvents({
    kafka: options.kafka,
    groupId: options.groupId,
    topics: [options.topic],
    fromBeginning: true,
    concurrency: 3,
    logger: options.logger,
    validate: validatorFor(topics.intakeRequests),
    handle: (received) => handle(options, received),
    // The events of a fetched batch are handled together, so that their reads and writes are
    // grouped into a few commands instead of one round trip each; one request's events in order,
    // as intake wrote them (an acceptance before the withdrawal that releases what it reserved).
    handleBatch: async (events) => {
      const settled = await Promise.allSettled([...byRequest(events).values()].map(async (ofRequest) => {
        for (const received of ofRequest) await inEventContext(received, () => handle(options, received));
      }));
      const failed = settled.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    },
    maxBatch: BATCH,
  }, options.sealed));
}
