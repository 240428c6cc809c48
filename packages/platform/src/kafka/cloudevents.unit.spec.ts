import { describe, expect, it } from '@jest/globals';
import { decodeBinary, encodeBinary, type OutboundEvent, type RawRecord } from './cloudevents.js';
import { deadLetterRecord } from './dead-letter.js';

const event: OutboundEvent = {
  id: '6f1c2d3e-0000-4000-8000-000000000001',
  type: 'fr.sante.guichet.intake.request-submitted.v1',
  source: '/guichet/intake',
  subject: 'requests/r-42',
  time: '2026-11-23T10:00:00.000Z',
  key: 'r-42',
  data: { requestId: 'r-42', departement: '37' },
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
};
const from = { topic: 'intake.requests.v1', partition: 2, offset: '17' };

// What kafkajs hands a consumer: keys, values and header values as Buffers.
const asReceived = (encoded: ReturnType<typeof encodeBinary>): RawRecord => ({
  key: Buffer.from(encoded.key),
  value: Buffer.from(encoded.value),
  headers: Object.fromEntries(Object.entries(encoded.headers).map(([k, v]) => [k, Buffer.from(v)])),
});

describe('CloudEvents binary mode', () => {
  it('puts attributes in ce_* headers and only the data in the body', () => {
    const encoded = encodeBinary(event);
    expect(encoded.key).toBe('r-42');
    expect(JSON.parse(encoded.value)).toEqual(event.data);
    expect(encoded.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_source: '/guichet/intake',
      ce_type: 'fr.sante.guichet.intake.request-submitted.v1',
      ce_time: '2026-11-23T10:00:00.000Z',
      ce_subject: 'requests/r-42',
      'content-type': 'application/json',
      traceparent: event.traceparent,
    });
  });

  it('decodes what it encodes, with the record position', () => {
    const decoded = decodeBinary(asReceived(encodeBinary(event)), from);
    expect(decoded).toEqual({
      ok: true,
      event: {
        id: event.id,
        type: event.type,
        source: event.source,
        specversion: '1.0',
        subject: event.subject,
        time: event.time,
        datacontenttype: 'application/json',
        data: event.data,
        key: 'r-42',
        topic: 'intake.requests.v1',
        partition: 2,
        offset: '17',
        traceparent: event.traceparent,
      },
    });
  });

  it('lists every defect of a record that is not a CloudEvent', () => {
    const record: RawRecord = { key: null, value: Buffer.from('{pas du json'), headers: { ce_specversion: '0.3', 'content-type': 'text/plain', ce_id: 'x' } };
    const decoded = decodeBinary(record, from);
    expect(decoded.ok).toBe(false);
    expect(decoded.ok ? [] : decoded.reasons).toEqual([
      'en-tête ce_type absent',
      'en-tête ce_source absent',
      'ce_specversion « 0.3 » non pris en charge (1.0 attendu)',
      'content-type « text/plain » non pris en charge (application/json attendu)',
      expect.stringMatching(/^corps JSON illisible/),
    ]);
  });

  it('refuses a record without a body', () => {
    const encoded = encodeBinary(event);
    const decoded = decodeBinary({ ...asReceived(encoded), value: null }, from);
    expect(decoded).toEqual({ ok: false, reasons: ['corps absent'] });
  });

  it('dead-letters the record untouched, with the contract’s dlq_* headers: reason, origin, consumer group and time', () => {
    const received = asReceived(encodeBinary(event));
    const dlq = deadLetterRecord(received, from, ['champ departement invalide', 'champ requestId absent'], { consumer: 'matching-intake', failedAt: '2026-12-07T09:00:00.000Z' });
    expect(dlq.key).toBe(received.key);
    expect(dlq.value).toBe(received.value);
    expect(dlq.headers).toMatchObject({
      ...received.headers,
      dlq_reason: 'champ departement invalide ; champ requestId absent',
      dlq_source_topic: 'intake.requests.v1',
      dlq_source_partition: '2',
      dlq_source_offset: '17',
      dlq_consumer: 'matching-intake',
      dlq_failed_at: '2026-12-07T09:00:00.000Z',
    });
  });
});
