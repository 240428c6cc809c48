/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes travel as `ce_*`
 * headers, the body is the JSON of `data` only, and the W3C trace context rides in plain
 * `traceparent`/`tracestate` headers (not `ce_traceparent`), so any OpenTelemetry-aware
 * consumer continues the trace.
 */

export const SPEC_VERSION = '1.0';
export const JSON_CONTENT_TYPE = 'application/json';

/** What a producer publishes; `key` is the aggregate id so one aggregate's events stay ordered. */
export interface OutboundEvent<Data = unknown> {
  id: string;
  /** `fr.sante.guichet.<context>.<event>.v<major>` */
  type: string;
  /** URI reference of the producing service, e.g. `/guichet/intake`. */
  source: string;
  subject: string;
  /** RFC 3339 timestamp of the fact (an input, never read from the clock here). */
  time: string;
  key: string;
  data: Data;
  traceparent?: string;
  tracestate?: string;
}

/** What a consumer receives, with where it came from. */
export interface InboundEvent<Data = unknown> {
  id: string;
  type: string;
  source: string;
  specversion: string;
  subject?: string;
  time?: string;
  datacontenttype: string;
  data: Data;
  key: string | null;
  topic: string;
  partition: number;
  offset: string;
  traceparent?: string;
  tracestate?: string;
}

export type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;
export type RawHeaders = Record<string, HeaderValue>;

/** Transport-neutral Kafka record, so the codec does not depend on the client library. */
export interface RawRecord {
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers: RawHeaders;
}

export interface RecordSource {
  topic: string;
  partition: number;
  offset: string;
}

export type DecodeResult = { ok: true; event: InboundEvent } | { ok: false; reasons: string[] };

export function encodeBinary(event: OutboundEvent): { key: string; value: string; headers: Record<string, string> } {
  const headers: Record<string, string> = {
    ce_specversion: SPEC_VERSION,
    ce_id: event.id,
    ce_source: event.source,
    ce_type: event.type,
    ce_time: event.time,
    ce_subject: event.subject,
    'content-type': JSON_CONTENT_TYPE,
  };
  if (event.traceparent) headers['traceparent'] = event.traceparent;
  if (event.tracestate) headers['tracestate'] = event.tracestate;
  return { key: event.key, value: JSON.stringify(event.data), headers };
}

export function headerText(value: HeaderValue): string | undefined {
  const single = Array.isArray(value) ? value[value.length - 1] : value;
  return single === undefined ? undefined : single.toString();
}

const text = (value: Buffer | string | null): string | null => (value === null ? null : value.toString());

function parseJson(body: string): { ok: true; data: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, data: JSON.parse(body) as unknown };
  } catch (error) {
    return { ok: false, reason: `corps JSON illisible : ${(error as Error).message}` };
  }
}

export function decodeBinary(record: RawRecord, from: RecordSource): DecodeResult {
  const header = (name: string) => headerText(record.headers[name]);
  const reasons: string[] = [];
  const required = (name: string): string => {
    const value = header(name);
    if (value === undefined || value === '') reasons.push(`en-tête ${name} absent`);
    return value ?? '';
  };
  const id = required('ce_id');
  const type = required('ce_type');
  const source = required('ce_source');
  const specversion = required('ce_specversion');
  if (specversion !== '' && specversion !== SPEC_VERSION) reasons.push(`ce_specversion « ${specversion} » non pris en charge (1.0 attendu)`);
  const contentType = header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\s*(;.*)?$/i.test(contentType)) reasons.push(`content-type « ${contentType} » non pris en charge (application/json attendu)`);
  const time = header('ce_time');
  if (time !== undefined && Number.isNaN(Date.parse(time))) reasons.push(`ce_time « ${time} » n'est pas une date RFC 3339`);
  const body = text(record.value);
  const parsed = body === null ? ({ ok: false, reason: 'corps absent' } as const) : parseJson(body);
  if (!parsed.ok) reasons.push(parsed.reason);
  if (reasons.length > 0 || !parsed.ok) return { ok: false, reasons };

  const optional = (name: string) => header(name);
  const subject = optional('ce_subject');
  const traceparent = optional('traceparent');
  const tracestate = optional('tracestate');
  return {
    ok: true,
    event: {
      id,
      type,
      source,
      specversion,
      ...(subject === undefined ? {} : { subject }),
      ...(time === undefined ? {} : { time }),
      datacontenttype: contentType,
      data: parsed.data,
      key: text(record.key),
      ...from,
      ...(traceparent === undefined ? {} : { traceparent }),
      ...(tracestate === undefined ? {} : { tracestate }),
    },
  };
}
