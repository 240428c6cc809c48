import { describe, expect, it } from '@jest/globals';
import {
  allTopics,
  deadLetterTopicOf,
  eventCatalogue,
  eventTypes,
  eventTypesOfTopic,
  fromKafkaHeaders,
  isEventType,
  parseEvent,
  partitionKeyOf,
  stakeholderTopics,
  toKafkaHeaders,
  topicOf,
  topics,
  validateEvent,
} from '../src/index.js';
import type { GuichetEvent } from '../src/index.js';
import { ajvWithAllSchemas } from './schema-files.js';

const architectureEvents: Record<string, string[]> = {
  'intake.requests.v1': ['request-submitted', 'request-updated', 'request-status-changed', 'bundle-accepted', 'request-withdrawn', 'request-erased'],
  'catalogue.offers.v1': ['offer-published', 'offer-updated', 'offer-withdrawn', 'offer-reserved', 'offer-released'],
  'catalogue.reference.v1': ['aid-scheme-changed', 'zoning-changed'],
  'matching.proposals.v1': ['proposals-computed', 'reservation-confirmed', 'reservation-rejected'],
};

const ajv = ajvWithAllSchemas();
function exampleOf(schemaName: string): unknown {
  for (const id of Object.keys((ajv as unknown as { schemas: Record<string, unknown> }).schemas)) {
    const root = ajv.getSchema(id)?.schema as { $defs?: Record<string, { title?: string; examples?: unknown[] }>; title?: string; examples?: unknown[] };
    if (root?.title === schemaName && root.examples) return root.examples[0];
    for (const def of Object.values(root?.$defs ?? {})) if (def.title === schemaName && def.examples) return def.examples[0];
  }
  throw new Error(`no example for ${schemaName}`);
}

describe('event catalogue', () => {
  it('declares every event of architecture §4 on its topic', () => {
    for (const [topic, events] of Object.entries(architectureEvents)) {
      const context = topic.split('.')[0];
      for (const event of events) {
        const type = `fr.sante.guichet.${context}.${event}.v1`;
        expect(isEventType(type)).toBe(true);
        if (isEventType(type)) expect(topicOf(type)).toBe(topic);
      }
    }
  });

  it('has one stakeholder topic per family, each with request-erased', () => {
    expect(stakeholderTopics).toEqual({
      ars: 'stakeholder.ars.v1',
      cpam: 'stakeholder.cpam.v1',
      ordre: 'stakeholder.ordre.v1',
      collectivites: 'stakeholder.collectivites.v1',
    });
    for (const [family, topic] of Object.entries(stakeholderTopics)) {
      expect(eventTypesOfTopic(topic)).toContain(`fr.sante.guichet.stakeholder.${family}.request-erased.v1`);
    }
    expect(allTopics).toHaveLength(9);
    expect(deadLetterTopicOf(topics.intakeRequests)).toBe('intake.requests.v1.dlq');
  });

  it.each(eventTypes.map((t) => [t]))('%s: its schema example validates and yields the partition key', (type) => {
    const data = exampleOf(eventCatalogue[type].schema);
    const result = parseEvent(type, data);
    expect(result.ok).toBe(true);
    if (result.ok) expect(partitionKeyOf(result.value)).toMatch(/^[0-9a-z-]+$/);
  });

  it('refuses unknown types and invalid data', () => {
    expect(validateEvent('fr.sante.guichet.intake.request-lost.v1', {})).toMatchObject({ ok: false, errors: [{ keyword: 'eventType' }] });
    const invalid = validateEvent('fr.sante.guichet.intake.request-erased.v1', { requestId: 'x' });
    expect(invalid.ok).toBe(false);
  });

  it('narrows the union on type', () => {
    const event: GuichetEvent = {
      type: 'fr.sante.guichet.intake.request-erased.v1',
      data: { requestId: '7d1f6a52-3c2b-4c8e-a0f4-5b9e2d1c7a30', erasedAt: '2026-12-01T10:00:00Z' },
    };
    expect(event.type === 'fr.sante.guichet.intake.request-erased.v1' ? event.data.erasedAt : '').toBe('2026-12-01T10:00:00Z');
  });
});

describe('CloudEvents binary headers', () => {
  it('round-trips through Kafka headers', () => {
    const attributes = {
      id: '0a1b2c3d-4e5f-4607-8819-2a3b4c5d6e7f',
      source: '/guichet/intake',
      type: 'fr.sante.guichet.intake.request-submitted.v1',
      time: '2026-10-06T10:12:00Z',
      subject: '7d1f6a52-3c2b-4c8e-a0f4-5b9e2d1c7a30',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    };
    const headers = toKafkaHeaders(attributes);
    expect(headers).toMatchObject({ ce_specversion: '1.0', 'content-type': 'application/json' });
    const buffers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)]));
    expect(fromKafkaHeaders(buffers)).toEqual({ ok: true, value: attributes });
  });

  it('rejects a message without its mandatory attributes', () => {
    expect(fromKafkaHeaders({ ce_id: 'x' })).toEqual({ ok: false, error: 'missing CloudEvents headers: ce_source, ce_type, ce_specversion, ce_time' });
  });
});
