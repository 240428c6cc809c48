import { runConsumer, type KafkaClient, type Logger, type RunningConsumer } from '@guichet/platform';
import { INTAKE_EVENTS } from '../../domain/case-events.js';

export interface ErasureListenerOptions {
  kafka: KafkaClient;
  /** `intake.requests.v1`, where each erasure is published in clear. */
  topic: string;
  /** Unique per instance and start; `stalePrefix` names those of every instance. */
  groupId: string;
  stalePrefix: string;
  /** Drops what this process keeps in memory of the case. */
  forget(caseId: string): void;
  logger: Logger;
}

/**
 * The erasures made by any instance, heard by this one: the process keeps recent cases (the
 * revision it last read or wrote, their audit keys) and their data keys in memory, and the
 * instance that erases a case drops only its own copies. A group of this instance alone, from
 * the end of the topic: an instance started after an erasure never held that case.
 */
export function startErasureListener({ kafka, topic, groupId, stalePrefix, forget, logger }: ErasureListenerOptions): Promise<RunningConsumer> {
  return runConsumer({
    kafka,
    groupId,
    instanceGroup: { stale: (id) => id.startsWith(stalePrefix) },
    topics: [topic],
    fromBeginning: false,
    // Every event of the topic is fetched for the few erasures: gathered, a fetch takes many.
    gatherMs: 500,
    logger,
    handle: async (event) => {
      if (event.type !== INTAKE_EVENTS.erased || event.key === null) return;
      forget(event.key);
      logger.info({ forgottenCase: event.key }, 'dossier effacé : ce que cette instance en gardait en mémoire est oublié');
    },
  });
}
