import type { RawHeaders, RawRecord, RecordSource } from './cloudevents.js';

export const dlqTopicOf = (topic: string): string => `${topic}.dlq`;

const MAX_REASON_LENGTH = 2000;

/** The original record, untouched (ce_* and trace headers included), plus why and where it failed. */
export function deadLetterRecord(record: RawRecord, from: RecordSource, reasons: readonly string[]): RawRecord {
  const reason = reasons.join(' ; ').slice(0, MAX_REASON_LENGTH);
  const headers: RawHeaders = {
    ...record.headers,
    'x-dlq-reason': reason,
    'x-dlq-original-topic': from.topic,
    'x-dlq-original-partition': String(from.partition),
    'x-dlq-original-offset': from.offset,
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
