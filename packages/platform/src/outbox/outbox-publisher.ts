import type { EventProducer } from '../kafka/producer.js';
import { publishByTopic } from '../kafka/publish-by-topic.js';
import type { Logger } from '../logger/create-logger.js';
import { within, type ServiceMetrics } from '../metrics/service-metrics.js';
import { fulfilled, GroupWhileBusy } from '../batching/group-while-busy.js';
import type { Outbox, OutboxEntry, PendingWrite } from './outbox.js';

export interface OutboxPublisherOptions {
  outbox: Outbox;
  producer: EventProducer;
  /**
   * Topic of each event, by its type, or the topics it goes to (a copy on each, in the order of
   * its write on every one of them); throwing leaves the write pending, for a fixed release.
   */
  topicOf(type: string, entry: OutboxEntry): string | readonly string[];
  logger: Logger;
  /** Pending writes older than this are the sweep's: their writer stopped or failed to publish. */
  sweepAfterMs?: number;
  sweepEveryMs?: number;
  /** Pending writes read per sweep round. */
  batchSize?: number;
  /** An announced write whose document is still missing after this was never made: forgotten. */
  abandonAfterMs?: number;
  /** Completes an entry stored without all it sends (its data kept elsewhere); undefined: no longer publishable. */
  complete?(entry: OutboxEntry): Promise<OutboxEntry | undefined>;
  /**
   * What else follows a write its writer left pending (copies it makes elsewhere, by inserts that
   * may be repeated), done by the sweep before publishing: the pending write is removed after both.
   */
  follow?(write: PendingWrite): Promise<void>;
  /** Where the backlog, the age of its oldest write and the events published are measured. */
  metrics?: ServiceMetrics;
}

/** How the events of a write went out: by their writer right after its write, or by the sweep after a stop or a refusal. */
type PublishedBy = 'writer' | 'sweep';

/** Counts what is published, and reads the backlog at each scrape. */
function outboxMetrics(metrics: ServiceMetrics, publisher: OutboxPublisher, outbox: Outbox, timeoutMs = 2000) {
  metrics.gauge({
    name: 'outbox_backlog',
    help: 'Écritures dont les événements ne sont pas encore publiés',
    async collect() {
      const count = await within(timeoutMs, () => publisher.backlog());
      if (count !== undefined) this.set(count);
    },
  });
  metrics.gauge({
    name: 'outbox_oldest_age_seconds',
    help: 'Âge de la plus ancienne écriture dont les événements attendent leur publication (0 si aucune)',
    async collect() {
      // Undefined when the database did not answer in time; `at` undefined when nothing waits.
      const read = await within(timeoutMs, async () => ({ at: await outbox.oldestPendingAt() }));
      if (read !== undefined) this.set(read.at === undefined ? 0 : Math.max(0, (outbox.timeNow().getTime() - read.at.getTime()) / 1000));
    },
  });
  return metrics.counter({
    name: 'outbox_events_published_total',
    help: 'Événements publiés depuis la boîte d’envoi, par sujet et par qui les a publiés (writer : aussitôt écrits ; sweep : reprise)',
    labelNames: ['topic', 'by'] as const,
  });
}

interface Written {
  readonly key: string;
  readonly entries: readonly OutboxEntry[];
  /** What else must be done before the write leaves the pending ones (its writer's copies elsewhere). */
  readonly alongside?: Promise<unknown>;
}

/**
 * The publishing side of the outbox. Each writer hands over its committed events at once
 * (`publish`): those handed over while a send is in flight go out together in the next one, then
 * their pending writes are removed. What a writer could not publish (broker down, a stop, a crash
 * between its write and the send) stays pending; every instance sweeps the pending writes older
 * than `sweepAfterMs`, oldest first, a bounded batch per round. Two instances may then publish
 * the same write: at least once, never lost; consumers dedupe by event id.
 */
export class OutboxPublisher {
  private readonly sends: GroupWhileBusy<Written, void>;
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;
  private running = false;
  private readonly published: ReturnType<typeof outboxMetrics> | undefined;

  constructor(private readonly options: OutboxPublisherOptions) {
    this.published = options.metrics ? outboxMetrics(options.metrics, this, options.outbox) : undefined;
    this.sends = new GroupWhileBusy(async (writes) => {
      await this.send(writes, 'writer');
      return writes.map(() => fulfilled(undefined));
    });
  }

  /**
   * Publishes the events of a committed write now. Never rejects: a failure is logged and leaves
   * the write to the sweep. Resolves once published or left. `alongside` (the writer's repeatable
   * copies of the write elsewhere) runs while the events are sent: the write stays pending, for
   * the sweep, unless both succeed. A write without events is settled with the others' sends.
   */
  publish(key: string, entries: readonly OutboxEntry[], alongside?: Promise<unknown>): Promise<void> {
    // Observed at once, so that a failure is not unhandled while the send is under way; `send` reads it.
    alongside?.catch(() => undefined);
    const done = this.sends
      .run({ key, entries, ...(alongside === undefined ? {} : { alongside }) })
      .catch((error: unknown) => this.options.logger.warn({ err: error, write: key }, 'publication différée : la reprise l’enverra'))
      .finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
    return done;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops sweeping and waits for the sends and the round in progress. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await Promise.all([...this.inFlight, this.sweeping]);
  }

  /** Writes whose events are not published yet (metric `outbox_backlog`). */
  backlog(): Promise<number> {
    return this.options.outbox.pending.countDocuments();
  }

  /** One round of the sweep: returns how many writes it published. */
  sweep(): Promise<number> {
    this.sweeping ??= this.sweepRound().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async send(writes: readonly Written[], by: PublishedBy): Promise<void> {
    const { outbox, producer, topicOf } = this.options;
    // Each write's events keep their order: they are appended in turn to their topics' sends.
    const routed = writes.flatMap((write) => write.entries).flatMap((entry) => {
      const topics = topicOf(entry.type, entry);
      return (typeof topics === 'string' ? [topics] : topics).map((topic) => ({ ...entry, topic }));
    });
    if (routed.length > 0) await publishByTopic(producer, routed, (entry) => entry.topic);
    for (const { topic } of routed) this.published?.inc({ topic, by });
    const followed = await Promise.allSettled(writes.map((write) => write.alongside));
    followed.forEach((outcome, index) => {
      if (outcome.status === 'rejected') this.options.logger.warn({ err: outcome.reason, write: writes[index]?.key }, 'suite de l’écriture différée : la reprise la fera');
    });
    await outbox.settle(writes.filter((_, index) => followed[index]?.status === 'fulfilled').map((write) => write.key));
  }

  private async sweepRound(): Promise<number> {
    const { outbox, sweepAfterMs = 10_000, batchSize = 100, abandonAfterMs = 600_000 } = this.options;
    const now = outbox.timeNow().getTime();
    const pending = await outbox.olderThan(new Date(now - sweepAfterMs), batchSize);
    const ready: Written[] = [];
    const empty: string[] = [];
    for (const write of pending) {
      const entries = await this.entriesOf(write);
      if (entries !== undefined) await this.options.follow?.(write);
      if (entries === undefined) {
        if (Date.parse(write.at) < now - abandonAfterMs) empty.push(write._id);
      } else if (entries.length === 0) empty.push(write._id);
      else ready.push({ key: write._id, entries });
    }
    await outbox.settle(empty);
    if (ready.length > 0) await this.send(ready, 'sweep');
    return ready.length;
  }

  /** The events to send for a pending write; undefined while its announced document is missing. */
  private async entriesOf(write: PendingWrite): Promise<OutboxEntry[] | undefined> {
    const stored = await this.options.outbox.entriesOf(write);
    const { complete } = this.options;
    if (stored === undefined || complete === undefined) return stored;
    const completed = await Promise.all(stored.map((entry) => complete(entry)));
    return completed.filter((entry): entry is OutboxEntry => entry !== undefined);
  }

  private schedule(delayMs: number): void {
    const { sweepEveryMs = 5_000, logger } = this.options;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.sweep()
        .catch((error: unknown) => {
          logger.error({ err: error }, 'reprise de la boîte d’envoi en échec, nouvel essai');
          return 0;
        })
        .then((published) => {
          if (this.running) this.schedule(published > 0 ? 0 : sweepEveryMs);
        });
    }, delayMs);
  }
}
