import { isEventType, topicOf } from '@guichet/contracts';
import type { EventProducer, OutboxEntry } from '@guichet/platform';
import type { mongo } from 'mongoose';
import type { CaseDocument } from '../mongo/collections.js';
import type { CaseWork } from '../mongo/written-cases-worker.js';

/**
 * Publishes the events waiting in the cases' outboxes on intake's topic (idempotent producer,
 * acks=all), then removes exactly the published entries ($pullAll of the entries as read). A
 * crash in between publishes them again: at least once, never lost. It does what the platform's
 * OutboxRelay does, but finds the cases by id as they are written: the relay's "every document
 * with an outbox" query reads the whole collection on FerretDB, at every round.
 */
export class IntakeOutboxRelay implements CaseWork {
  constructor(
    private readonly collection: mongo.Collection<CaseDocument>,
    private readonly producer: EventProducer,
    /** `intake.requests.v1` unless configured (tests use their own). */
    private readonly topic: string,
  ) {}

  private async publish(docs: ReadonlyArray<{ _id: string; outbox?: OutboxEntry[] }>): Promise<number> {
    let published = 0;
    for (const doc of docs) {
      const entries = doc.outbox ?? [];
      if (entries.length === 0) continue;
      for (const entry of entries) {
        if (!isEventType(entry.type) || topicOf(entry.type) !== 'intake.requests.v1') throw new Error(`type d’événement inattendu dans la boîte d’envoi : ${entry.type}`);
      }
      await this.producer.publish(this.topic, entries);
      await this.collection.updateOne({ _id: doc._id }, { $pullAll: { outbox: entries } });
      published += entries.length;
    }
    return published;
  }

  async cases(ids: readonly string[]): Promise<number> {
    const docs = await Promise.all(ids.map((id) => this.collection.findOne({ _id: id }, { projection: { outbox: 1 } })));
    return this.publish(docs.filter((doc) => doc !== null));
  }

  async fullPass(): Promise<number> {
    return this.publish(await this.collection.find({ 'outbox.0': { $exists: true } }, { projection: { outbox: 1 }, limit: 500 }).toArray());
  }
}
