import { topics } from '@guichet/contracts';
import { runConsumer, type KafkaClient, type Logger, type RunningConsumer } from '@guichet/platform';
import type { ReferenceData } from '../../application/reference-data.js';
import { typed, validatorFor } from './inbound-events.js';

export interface ReferenceProjectionOptions {
  readonly kafka: KafkaClient;
  readonly topic: string;
  /** Unique per instance and per start: each instance's reference data in memory hears every change. */
  readonly groupId: string;
  /** Which groups are of this kind, left by stopped instances (see the platform's `instanceGroup`). */
  readonly instanceGroup: { stale(groupId: string): boolean };
  readonly reference: ReferenceData;
  readonly logger: Logger;
}

/**
 * Keeps this instance's aid schemes and zoning in memory current with `catalogue.reference.v1`.
 * The re-matching group is shared by the instances, so the change it re-matches reaches one of
 * them only; this group of the instance's own reads them all, from the beginning (a scheme applies
 * only when newer, the zoning is read again from the store).
 */
export function runReferenceProjection(options: ReferenceProjectionOptions): Promise<RunningConsumer> {
  const { reference } = options;
  return runConsumer({
    kafka: options.kafka,
    groupId: options.groupId,
    instanceGroup: options.instanceGroup,
    topics: [options.topic],
    fromBeginning: true,
    logger: options.logger,
    validate: validatorFor(topics.catalogueReference),
    handle: async (received) => {
      const event = typed(topics.catalogueReference, received);
      if (event.type === 'fr.sante.guichet.catalogue.aid-scheme-changed.v1') reference.applyScheme(event.data.scheme);
      else await reference.reloadZoning();
    },
  });
}
