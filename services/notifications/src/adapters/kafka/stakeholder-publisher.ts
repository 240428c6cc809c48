import type { EventProducer, OutboxEntry } from '@guichet/platform';
import type { StakeholderPublisher } from '../../application/ports.js';
import { stakeholderOfEventType } from '../../domain/stakeholders.js';
import type { TopicNames } from './topic-names.js';

interface Waiting {
  byTopic: Map<string, OutboxEntry[]>;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Stakeholder events on their family's topic, published by group: what is asked while a send is
 * in flight goes out together next, one request per topic (the idempotent producer sends one
 * request at a time, and every case event speaks to up to four families). A caller's events keep
 * their order on each topic, and its promise settles once all of them are acknowledged; a case's
 * next events are only asked after that, so each case stays in order.
 */
export class KafkaStakeholderPublisher implements StakeholderPublisher {
  private waiting: Waiting[] = [];
  private sending = false;

  constructor(
    private readonly producer: EventProducer,
    private readonly topics: TopicNames,
  ) {}

  async publish(entries: readonly OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const byTopic = new Map<string, OutboxEntry[]>();
    for (const entry of entries) {
      const topic = this.topicOf(entry.type);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), entry]);
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ byTopic, resolve, reject });
      if (!this.sending) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.sending = true;
    // Callers of the same turn of the event loop join the first group too.
    await Promise.resolve();
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting;
        this.waiting = [];
        const byTopic = new Map<string, OutboxEntry[]>();
        for (const caller of group) for (const [topic, entries] of caller.byTopic) byTopic.set(topic, [...(byTopic.get(topic) ?? []), ...entries]);
        try {
          for (const [topic, entries] of byTopic) await this.producer.publish(topic, entries);
          for (const caller of group) caller.resolve();
        } catch (error) {
          for (const caller of group) caller.reject(error);
        }
      }
    } finally {
      this.sending = false;
    }
  }

  private topicOf(type: string): string {
    const stakeholder = stakeholderOfEventType(type);
    if (!stakeholder) throw new Error(`type d'événement sans famille destinataire : ${type}`);
    return this.topics.stakeholder[stakeholder];
  }
}
