import { topics, type AidScheme } from '@guichet/contracts';
import { runConsumer, type InboundEvent, type KafkaClient, type Logger, type RunningConsumer } from '@guichet/platform';
import type { MatchingDeps } from '../../application/matching/matching-deps.js';
import { rematch, type CatalogueChange, type RematchReport } from '../../application/matching/rematch.js';
import type { AidSchemeStore } from '../../application/ports.js';
import { typed, validatorFor } from './inbound-events.js';

export interface CatalogueConsumerOptions {
  readonly kafka: KafkaClient;
  readonly offersTopic: string;
  readonly referenceTopic: string;
  /** One shared group across instances: each change is re-matched once. */
  readonly groupId: string;
  /** Where a new group starts: live changes only in service, the whole stream in an isolated test run. */
  readonly fromBeginning: boolean;
  readonly deps: MatchingDeps;
  readonly aidSchemes: AidSchemeStore;
  readonly logger: Logger;
  /** Observes each re-matching (metrics, tests). */
  onRematch?(eventId: string, report: RematchReport): void;
}

/**
 * Incremental re-matching on catalogue changes. The offer event is applied to this instance's
 * index first (idempotent by version), so the recomputation sees it whatever the projection's
 * progress; reference changes reload the in-memory catalogue and zoning first.
 */
export function runCatalogueConsumer(options: CatalogueConsumerOptions): Promise<RunningConsumer> {
  const { deps, logger } = options;
  const validateOffers = validatorFor(topics.catalogueOffers);
  const validateReference = validatorFor(topics.catalogueReference);
  return runConsumer({
    kafka: options.kafka,
    groupId: options.groupId,
    topics: [options.offersTopic, options.referenceTopic],
    fromBeginning: options.fromBeginning,
    logger,
    validate: (event) => (event.topic === options.referenceTopic ? validateReference(event) : validateOffers(event)),
    handle: async (received) => {
      const change = received.topic === options.referenceTopic ? await referenceChange(options, received) : offerChange(deps, received);
      if (!change) return;
      const report = await rematch(deps, received.id, received.time ?? new Date(0).toISOString(), change);
      logger.info({ eventId: received.id, type: received.type, ...report }, 're-matching incrémental');
      options.onRematch?.(received.id, report);
    },
  });
}

function offerChange(deps: MatchingDeps, received: InboundEvent): CatalogueChange | undefined {
  const event = typed(topics.catalogueOffers, received);
  deps.index.apply(event);
  switch (event.type) {
    case 'fr.sante.guichet.catalogue.offer-published.v1':
    case 'fr.sante.guichet.catalogue.offer-updated.v1': {
      const { offer } = event.data;
      const located = deps.index.get(offer.id);
      if (offer.status !== 'available' || !located) return { kind: 'offer-gone', offerId: offer.id };
      return { kind: 'offer-available', offer: located, how: event.type === 'fr.sante.guichet.catalogue.offer-published.v1' ? 'published' : 'updated' };
    }
    case 'fr.sante.guichet.catalogue.offer-released.v1': {
      const located = deps.index.get(event.data.offerId);
      return located ? { kind: 'offer-available', offer: located, how: 'released' } : undefined;
    }
    case 'fr.sante.guichet.catalogue.offer-withdrawn.v1':
      return { kind: 'offer-gone', offerId: event.data.offerId };
    case 'fr.sante.guichet.catalogue.offer-reserved.v1':
      // A housing with a bed left still serves the proposals that show it.
      if (deps.index.get(event.data.offerId)?.offer.status === 'available') return undefined;
      return { kind: 'offer-gone', offerId: event.data.offerId, heldBy: event.data.requestId };
  }
}

async function referenceChange(options: CatalogueConsumerOptions, received: InboundEvent): Promise<CatalogueChange> {
  const event = typed(topics.catalogueReference, received);
  switch (event.type) {
    case 'fr.sante.guichet.catalogue.zoning-changed.v1':
      await options.deps.reference.reloadZoning();
      return { kind: 'zoning', changed: event.data };
    case 'fr.sante.guichet.catalogue.aid-scheme-changed.v1': {
      options.deps.reference.applyScheme(event.data.scheme);
      const stored = await options.aidSchemes.get(event.data.schemeId);
      const previous: AidScheme | undefined = stored?.versions.find((v) => v.version === event.data.version - 1);
      return { kind: 'aid-scheme', changed: event.data, ...(previous ? { previous } : {}) };
    }
  }
}
