import type { mongo } from 'mongoose';
import type { EventProducer } from '../kafka/producer.js';
import type { Logger } from '../logger/create-logger.js';
import { OUTBOX_FIELD, type OutboxEntry } from './outbox.js';

export interface OutboxRelayOptions<T extends OutboxDocument> {
  collection: mongo.Collection<T>;
  producer: EventProducer;
  /** Topic of each event type; throwing leaves that document's entries for a later, fixed release. */
  topicOf(type: string): string;
  pollIntervalMs?: number;
  /** Documents handled per round. */
  batchSize?: number;
  logger: Logger;
}

/** Any aggregate document that carries an outbox. */
export interface OutboxDocument {
  _id: string | mongo.ObjectId;
  outbox?: OutboxEntry[];
}

type PendingDocument = Required<OutboxDocument>;

const PENDING = { [`${OUTBOX_FIELD}.0`]: { $exists: true } };

/** Consecutive entries bound for the same topic, so one document's events keep their order. */
function runsByTopic(entries: readonly OutboxEntry[], topicOf: (type: string) => string): Array<{ topic: string; entries: OutboxEntry[] }> {
  const runs: Array<{ topic: string; entries: OutboxEntry[] }> = [];
  for (const entry of entries) {
    const topic = topicOf(entry.type);
    const last = runs[runs.length - 1];
    if (last && last.topic === topic) last.entries.push(entry);
    else runs.push({ topic, entries: [entry] });
  }
  return runs;
}

/**
 * Publishes pending outbox entries, then removes exactly the published entries from their document.
 * A crash between the two republishes on the next round (at least once, never lost); consumers
 * are idempotent. Run one relay per collection and service instance group: two relays on the
 * same collection only cause duplicates.
 */
export class OutboxRelay<T extends OutboxDocument = OutboxDocument> {
  // The relay reads and writes only `_id` and `outbox`, which every T has; the driver's
  // collection type is invariant in T, hence the one widening here.
  private readonly collection: mongo.Collection<OutboxDocument>;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<number> | undefined;
  private running = false;
  private nudged = false;

  constructor(private readonly options: OutboxRelayOptions<T>) {
    this.collection = options.collection as unknown as mongo.Collection<OutboxDocument>;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.batchSize = options.batchSize ?? 100;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops polling and waits for the round in progress. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.round;
  }

  /**
   * Publishes now instead of at the next poll (after a write, to cut latency). A nudge during a
   * round makes another round follow at once: that round's read may have missed the write.
   */
  nudge(): void {
    if (!this.running) return;
    this.nudged = true;
    if (this.round === undefined) this.schedule(0);
  }

  /** Entries stored but not yet published (metric `outbox_backlog`). */
  async backlog(): Promise<number> {
    const pending = this.collection.find<PendingDocument>(PENDING, { projection: { [OUTBOX_FIELD]: 1 } });
    let count = 0;
    for await (const doc of pending) count += doc.outbox.length;
    return count;
  }

  /** One round: returns how many entries were published. */
  async publishPending(): Promise<number> {
    const { logger } = this.options;
    const documents = await this.collection.find<PendingDocument>(PENDING, { projection: { [OUTBOX_FIELD]: 1 }, limit: this.batchSize }).toArray();
    let published = 0;
    for (const doc of documents) {
      try {
        published += await this.publishDocument(doc);
      } catch (error) {
        logger.error({ err: error, documentId: String(doc._id) }, 'publication de la boîte d’envoi échouée, nouvel essai au prochain tour');
      }
    }
    return published;
  }

  private async publishDocument(doc: PendingDocument): Promise<number> {
    const { producer, topicOf } = this.options;
    for (const run of runsByTopic(doc.outbox, topicOf)) await producer.publish(run.topic, run.entries);
    // $pullAll with the entries as read: FerretDB 1.24 accepts `$pull` with a condition
    // ({ id: { $in: ids } }) but removes nothing; exact-value removal works on every server.
    await this.collection.updateOne({ _id: doc._id }, { $pullAll: { outbox: doc.outbox } });
    return doc.outbox.length;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.nudged = false;
      this.round = this.publishPending()
        .catch((error: unknown) => {
          this.options.logger.error({ err: error }, 'relais de la boîte d’envoi en échec');
          return 0;
        })
        .finally(() => {
          this.round = undefined;
        });
      void this.round.then((published) => {
        const again = published > 0 || this.nudged;
        if (this.running) this.schedule(again ? 0 : this.pollIntervalMs);
      });
    }, delayMs);
  }
}
