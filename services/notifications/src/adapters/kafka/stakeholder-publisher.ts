import { fulfilled, GroupWhileBusy, publishByTopic, type EventProducer, type OutboxEntry } from '@guichet/platform';
import type { StakeholderPublisher } from '../../application/ports.js';
import { stakeholderTopicsOf, type TopicNames } from './topic-names.js';

type Routed = OutboxEntry & { topic: string };

/**
 * Stakeholder events on their family's topic (notifications' own log, read back for webhooks) and
 * on the territorial stream of each territory the case touches (what partners read), published
 * by group: what is asked while a send is in flight goes out together next, one request per topic
 * (the idempotent producer sends one request at a time, and every case event speaks to up to four
 * families and their streams). A caller's events keep
 * their order on each topic, and its promise settles once all of them are acknowledged; a case's
 * next events are only asked after that, so each case stays in order.
 */
export class KafkaStakeholderPublisher implements StakeholderPublisher {
  private readonly sends: GroupWhileBusy<readonly Routed[], void>;

  constructor(
    private readonly producer: EventProducer,
    private readonly topics: TopicNames,
  ) {
    this.sends = new GroupWhileBusy(async (callers) => {
      await publishByTopic(this.producer, callers.flat(), (entry) => entry.topic);
      return callers.map(() => fulfilled(undefined));
    });
  }

  async publish(entries: readonly OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // A type without a family fails its caller alone, before it joins a group.
    await this.sends.run(entries.flatMap((entry) => stakeholderTopicsOf(this.topics, entry).map((topic) => ({ ...entry, topic }))));
  }
}
