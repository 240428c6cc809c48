import { fulfilled, GroupWhileBusy, publishByTopic, type EventProducer, type OutboxEntry } from '@guichet/platform';

export interface EventReleaseOptions {
  readonly producer: EventProducer;
  topicOf(type: string): string;
  /** Drops the stored copies of events now published (their documents' ids). */
  forget(eventIds: readonly string[]): Promise<void>;
}

/**
 * Publishes events stored a moment ago by the writer itself, without waiting for the outbox
 * relay to find them by a scan: the events asked while a send is in flight go out together in the
 * next one (one send per topic), then their stored copies are removed. A failure leaves them
 * stored, where the relay publishes them later (at least once, never lost).
 */
export class EventRelease {
  private readonly sends: GroupWhileBusy<readonly OutboxEntry[], void>;

  constructor(options: EventReleaseOptions) {
    const { producer, topicOf, forget } = options;
    this.sends = new GroupWhileBusy(async (callers) => {
      // Each caller's events keep their order: they are appended in turn to their topic's sends.
      const entries = callers.flat();
      await publishByTopic(producer, entries, (entry) => topicOf(entry.type));
      await forget(entries.map((entry) => entry.id));
      return callers.map(() => fulfilled(undefined));
    });
  }

  publish(entries: readonly OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return this.sends.run(entries);
  }
}
