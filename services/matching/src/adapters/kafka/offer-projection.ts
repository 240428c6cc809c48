import { topics } from '@guichet/contracts';
import { runConsumer, type KafkaClient, type Logger, type RunningConsumer } from '@guichet/platform';
import type { OfferIndex, ReplayProgress } from '../../read-model/index.js';
import { typed, validatorFor } from './inbound-events.js';

export interface OfferProjectionOptions {
  readonly kafka: KafkaClient;
  readonly topic: string;
  /** Unique per instance and per start: each instance reads the whole stream into its own memory. */
  readonly groupId: string;
  /** Which groups are of this kind, left by stopped instances (see the platform's `instanceGroup`). */
  readonly instanceGroup: { stale(groupId: string): boolean };
  readonly index: OfferIndex;
  readonly progress?: ReplayProgress;
  readonly logger: Logger;
}

/** Feeds the in-memory offer index from `catalogue.offers.v1`, from its beginning. */
export function runOfferProjection(options: OfferProjectionOptions): Promise<RunningConsumer> {
  const { index, progress } = options;
  return runConsumer({
    kafka: options.kafka,
    groupId: options.groupId,
    instanceGroup: options.instanceGroup,
    topics: [options.topic],
    fromBeginning: true,
    concurrency: 3,
    logger: options.logger,
    validate: validatorFor(topics.catalogueOffers),
    handle: async (received) => {
      const event = typed(topics.catalogueOffers, received);
      index.apply(event);
      const offerId = 'offer' in event.data ? event.data.offer.id : event.data.offerId;
      progress?.observe(offerId, index.version(offerId));
    },
  });
}
