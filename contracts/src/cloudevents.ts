// CloudEvents 1.0 binary mode over Kafka (architecture §4): attributes travel as `ce_*` headers,
// the body is the data only.

export const cloudEventSources = {
  intake: '/guichet/intake',
  matching: '/guichet/matching',
  notifications: '/guichet/notifications',
} as const;

export interface CloudEventAttributes {
  id: string;
  source: string;
  type: string;
  time: string;
  subject?: string;
  traceparent?: string;
  tracestate?: string;
}

export type KafkaHeaderValue = string | Buffer | (string | Buffer)[] | undefined;

export function toKafkaHeaders(attributes: CloudEventAttributes): Record<string, string> {
  const headers: Record<string, string> = {
    ce_id: attributes.id,
    ce_source: attributes.source,
    ce_type: attributes.type,
    ce_specversion: '1.0',
    ce_time: attributes.time,
    'content-type': 'application/json',
  };
  if (attributes.subject !== undefined) headers.ce_subject = attributes.subject;
  if (attributes.traceparent !== undefined) headers.traceparent = attributes.traceparent;
  if (attributes.tracestate !== undefined) headers.tracestate = attributes.tracestate;
  return headers;
}

function headerText(value: KafkaHeaderValue): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** Reads the CloudEvents attributes of a Kafka message; a missing mandatory header is an error. */
export function fromKafkaHeaders(
  headers: Readonly<Record<string, KafkaHeaderValue>>,
): { ok: true; value: CloudEventAttributes } | { ok: false; error: string } {
  const read = (name: string) => headerText(headers[name]);
  const missing = ['ce_id', 'ce_source', 'ce_type', 'ce_specversion', 'ce_time'].filter((h) => !read(h));
  if (missing.length > 0) return { ok: false, error: `missing CloudEvents headers: ${missing.join(', ')}` };
  if (read('ce_specversion') !== '1.0') return { ok: false, error: `unsupported ce_specversion ${read('ce_specversion')}` };
  const contentType = read('content-type');
  if (contentType !== undefined && !contentType.startsWith('application/json')) {
    return { ok: false, error: `unsupported content-type ${contentType}` };
  }
  const value: CloudEventAttributes = {
    id: read('ce_id') ?? '',
    source: read('ce_source') ?? '',
    type: read('ce_type') ?? '',
    time: read('ce_time') ?? '',
  };
  const subject = read('ce_subject');
  const traceparent = read('traceparent');
  const tracestate = read('tracestate');
  if (subject !== undefined) value.subject = subject;
  if (traceparent !== undefined) value.traceparent = traceparent;
  if (tracestate !== undefined) value.tracestate = tracestate;
  return { ok: true, value };
}
