import { fulfilled, GroupWhileBusy, publishByTopic, type EventProducer, type OutboxEntry } from '@guichet/platform';
import type { StakeholderPublisher } from '../../application/ports.js';
import { stakeholderOfEventType } from '../../domain/stakeholders.js';
import type { TopicNames } from './topic-names.js';

/**
 * Stakeholder events on their family's topic, published by group: what is asked while a send is
 * in flight goes out together next, one request per topic (the idempotent producer sends one
 * request at a time, and every case event speaks to up to four families). A caller's events keep
 * their order on each topic, and its promise settles once all of them are acknowledged; a case's
 * next events are only asked after that, so each case stays in order.
 */
export class KafkaStakeholderPublisher implements StakeholderPublisher {
  private readonly sends: GroupWhileBusy<readonly OutboxEntry[], void>;

  constructor(
    private readonly producer: EventProducer,
    private readonly topics: TopicNames,
  ) {
    this.sends = new GroupWhileBusy(async (callers) => {
      await publishByTopic(this.producer, callers.flat(), (entry) => this.topicOf(entry.type));
      return callers.map(() => fulfilled(undefined));
    });
  }

  async publish(entries: readonly OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // A type without a family fails its caller alone, before it joins a group.
    for (const entry of entries) this.topicOf(entry.type);
    await this.sends.run(entries);
  }

  private topicOf(type: string): string {
    const stakeholder = stakeholderOfEventType(type);
    if (!stakeholder) throw new Error(`type d'événement sans famille destinataire : ${type}`);
    return this.topics.stakeholder[stakeholder];
  }
}
