import { topics } from '@guichet/contracts';
import { runConsumer, type KafkaClient, type Logger, type RunningConsumer } from '@guichet/platform';
import { handleIntakeEvent } from '../../application/matching/handle-intake-event.js';
import type { MatchingDeps } from '../../application/matching/matching-deps.js';
import { typed, validatorFor } from './inbound-events.js';

export interface IntakeConsumerOptions {
  readonly kafka: KafkaClient;
  readonly topic: string;
  readonly groupId: string;
  readonly deps: MatchingDeps;
  readonly logger: Logger;
}

/** Reacts to intake's events (proposals, reservations, closing); one shared group across instances. */
export function runIntakeConsumer(options: IntakeConsumerOptions): Promise<RunningConsumer> {
  return runConsumer({
    kafka: options.kafka,
    groupId: options.groupId,
    topics: [options.topic],
    fromBeginning: true,
    concurrency: 3,
    logger: options.logger,
    validate: validatorFor(topics.intakeRequests),
    handle: async (received) => {
      const outcome = await handleIntakeEvent(options.deps, received.id, typed(topics.intakeRequests, received));
      options.logger.debug({ eventId: received.id, type: received.type, outcome }, 'événement d’intake traité');
    },
  });
}
