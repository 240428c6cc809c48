import { outboxEntries, type Outbox, type OutboxPublisher } from '@guichet/platform';
import { disclosureEvents, disclosureWriteId, type DisclosureLog } from '../../application/disclosure-log.js';
import type { Disclosure } from '../../domain/disclosures.js';

/** Disclosures through the platform's outbox: the disclosures recorded together in one write of their own, published right after. */
export class OutboxDisclosureLog implements DisclosureLog {
  constructor(
    private readonly outbox: Outbox,
    private readonly publisher: OutboxPublisher,
  ) {}

  async record(disclosures: readonly Disclosure[]): Promise<void> {
    if (disclosures.length === 0) return;
    const key = disclosureWriteId(disclosures);
    const entries = outboxEntries(disclosureEvents(disclosures));
    if ((await this.outbox.append(key, entries)) === 'inserted') await this.publisher.publish(key, entries);
  }
}
