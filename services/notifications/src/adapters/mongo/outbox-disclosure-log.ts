import { outboxEntries, type Outbox, type OutboxPublisher } from '@guichet/platform';
import { disclosureEvent, type DisclosureLog } from '../../application/disclosure-log.js';
import type { Disclosure } from '../../domain/disclosures.js';

/** Disclosures through the platform's outbox: each a write of its own under its id, published right after. */
export class OutboxDisclosureLog implements DisclosureLog {
  constructor(
    private readonly outbox: Outbox,
    private readonly publisher: OutboxPublisher,
  ) {}

  async record(disclosures: readonly Disclosure[]): Promise<void> {
    await Promise.all(
      disclosures.map(async (disclosure) => {
        const entries = outboxEntries([disclosureEvent(disclosure)]);
        if ((await this.outbox.append(disclosure.id, entries)) === 'inserted') await this.publisher.publish(disclosure.id, entries);
      }),
    );
  }
}
