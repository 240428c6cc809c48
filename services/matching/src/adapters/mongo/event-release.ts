import type { EventProducer, OutboxEntry } from '@guichet/platform';

/**
 * Bytes of event data per send. The broker refuses a record batch over its `message.max.bytes`
 * (1 MB by default) and a refused send leaves the idempotent producer out of sequence.
 */
const SEND_BYTES = 512 * 1024;

/** Consecutive parts of at most SEND_BYTES of data each (an event alone may exceed it: sent by itself). */
function underSendLimit(entries: readonly OutboxEntry[]): OutboxEntry[][] {
  const parts: OutboxEntry[][] = [];
  let part: OutboxEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = Buffer.byteLength(JSON.stringify(entry.data));
    if (part.length > 0 && bytes + size > SEND_BYTES) {
      parts.push(part);
      part = [];
      bytes = 0;
    }
    part.push(entry);
    bytes += size;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

interface Waiting {
  readonly entries: readonly OutboxEntry[];
  resolve(): void;
  reject(error: unknown): void;
}

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
  private waiting: Waiting[] = [];
  private sending = false;

  constructor(private readonly options: EventReleaseOptions) {}

  publish(entries: readonly OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiting.push({ entries, resolve, reject });
      if (!this.sending) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.sending = true;
    await Promise.resolve();
    try {
      while (this.waiting.length > 0) await this.send(this.waiting.splice(0));
    } finally {
      this.sending = false;
    }
  }

  private async send(callers: readonly Waiting[]): Promise<void> {
    const { producer, topicOf, forget } = this.options;
    const entries = callers.flatMap((caller) => caller.entries);
    try {
      // Each caller's events keep their order: they are appended in turn to their topic's sends.
      const byTopic = new Map<string, OutboxEntry[]>();
      for (const entry of entries) {
        const topic = topicOf(entry.type);
        const run = byTopic.get(topic);
        if (run) run.push(entry);
        else byTopic.set(topic, [entry]);
      }
      for (const [topic, run] of byTopic) for (const part of underSendLimit(run)) await producer.publish(topic, part);
      await forget(entries.map((entry) => entry.id));
    } catch (error) {
      for (const caller of callers) caller.reject(error);
      return;
    }
    for (const caller of callers) caller.resolve();
  }
}
