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
    // The events of a fetched batch are handled together (one request's in order, behind its
    // lock), so that their writes are grouped into a few inserts instead of one round trip each.
    handleBatch: async (events) => {
      const settled = await Promise.allSettled(events.map((received) => inEventContext(received, () => handle(options, received))));
      const failed = settled.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    },
    maxBatch: BATCH,
  }, options.sealed));
}
