import type { Clock, Logger } from '@guichet/platform';
import { horizonOf, type PartnerRetention } from '../domain/retention.js';
import type { DeliveryStore, EventLog } from './ports.js';

export interface PurgeDeps {
  events: Pick<EventLog, 'purgeBefore'>;
  deliveries: Pick<DeliveryStore, 'purgeBefore'>;
  retention: PartnerRetention;
  clock: Clock;
  logger: Logger;
}

/** Removes the partner events and the delivery log entries older than their retention, all in one pass (so never more work for the loop right away). */
export async function purgePartnerLogs({ events, deliveries, retention, clock, logger }: PurgeDeps): Promise<number> {
  const now = clock.now();
  const removedEvents = await events.purgeBefore(horizonOf(now, retention.partnerEventsDays));
  const removedDeliveries = await deliveries.purgeBefore(horizonOf(now, retention.deliveryLogDays));
  if (removedEvents + removedDeliveries > 0) logger.info({ removedEvents, removedDeliveries }, 'journaux partenaires purgés au-delà de leur durée de conservation');
  return 0;
}
