import type { EventProducer, OutboxEntry } from '@guichet/platform';
import type { StakeholderPublisher } from '../../application/ports.js';
import { stakeholderOfEventType } from '../../domain/stakeholders.js';
import type { TopicNames } from './topic-names.js';

/** Stakeholder events on their family's topic; consecutive events bound for one topic go in one request. */
export class KafkaStakeholderPublisher implements StakeholderPublisher {
  constructor(
    private readonly producer: EventProducer,
    private readonly topics: TopicNames,
  ) {}

  async publish(entries: readonly OutboxEntry[]): Promise<void> {
    let run: OutboxEntry[] = [];
    let topic = '';
    for (const entry of entries) {
      const next = this.topicOf(entry.type);
      if (next !== topic && run.length > 0) {
        await this.producer.publish(topic, run);
        run = [];
      }
      topic = next;
      run.push(entry);
    }
    if (run.length > 0) await this.producer.publish(topic, run);
  }

  private topicOf(type: string): string {
    const stakeholder = stakeholderOfEventType(type);
    if (!stakeholder) throw new Error(`type d'événement sans famille destinataire : ${type}`);
    return this.topics.stakeholder[stakeholder];
  }
}
