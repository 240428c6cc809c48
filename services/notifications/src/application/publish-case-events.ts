import type { DocumentLocks, Logger } from '@guichet/platform';
import type { CaseStore, StakeholderPublisher } from './ports.js';

export interface CaseEventsPublication {
  cases: CaseStore;
  publisher: StakeholderPublisher;
  /** The lock of case writes: publication and outbox clearing never interleave with a save. */
  lock: DocumentLocks;
  logger: Logger;
}

/**
 * Publishes what a case's outbox holds, then empties it. Called under the case's lock right
 * after the save that queued the events, so they reach their topics without waiting for a sweep;
 * a stop in between publishes them again later (at least once, never lost; consumers dedupe by id).
 */
export async function publishQueued(deps: CaseEventsPublication, requestId: string, entries: Parameters<StakeholderPublisher['publish']>[0]): Promise<void> {
  if (entries.length === 0) return;
  await deps.publisher.publish(entries);
  await deps.cases.clearOutbox(requestId);
}

/**
 * The outbox sweep: events saved but not published (the service stopped in between, or the
 * broker refused them) are published from the case documents. Each case under its lock, so a
 * sweep never publishes what the projection is publishing at the same moment.
 */
export async function sweepOutboxes(deps: CaseEventsPublication): Promise<number> {
  let published = 0;
  for (const requestId of await deps.cases.withQueuedEvents()) {
    try {
      published += await deps.lock.run(requestId, async () => {
        const queued = (await deps.cases.load(requestId))?.queued ?? [];
        await publishQueued(deps, requestId, queued);
        return queued.length;
      });
    } catch (error) {
      deps.logger.error({ err: error, requestId }, 'publication de la boîte d’envoi échouée, nouvel essai au prochain tour');
    }
  }
  return published;
}
