import type { RawHeaders, RawRecord, RecordSource } from './cloudevents.js';

export const dlqTopicOf = (topic: string): string => `${topic}.dlq`;

const MAX_REASON_LENGTH = 2000;

/** Who rejected a record, and when (ISO 8601). */
export interface Rejection {
  consumer: string;
  failedAt: string;
}

/**
 * The original record, untouched (ce_* and trace headers included), plus why, where and by whom it
 * failed, under the `dlq_*` headers of contracts/asyncapi.yaml (`deadLetterHeaders`).
 */
export function deadLetterRecord(record: RawRecord, from: RecordSource, reasons: readonly string[], rejection: Rejection): RawRecord {
  const reason = reasons.join(' ; ').slice(0, MAX_REASON_LENGTH);
  const headers: RawHeaders = {
    ...record.headers,
    dlq_reason: reason,
    dlq_source_topic: from.topic,
    dlq_source_partition: String(from.partition),
    dlq_source_offset: from.offset,
    dlq_consumer: rejection.consumer,
    dlq_failed_at: rejection.failedAt,
  };
  return { key: record.key, value: record.value, headers };
}

/** Thrown by a handler when retrying cannot help (e.g. a reference that will never exist): straight to the DLQ. */
export class UnprocessableEvent extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'UnprocessableEvent';
  }
}
