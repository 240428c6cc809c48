import { describe, expect, it } from '@jest/globals';
import { wireDifferences, type WireRecord } from './asyncapi-messages.js';

/** The checker of tests/e2e/wire-contract.e2e.spec.ts finds each kind of difference it is there for. */

const cloudEvent = {
  ce_id: '0b7c2f5e-8f7a-4a55-9d1e-6c2a1f3e9b10',
  ce_source: '/guichet/matching',
  ce_type: 'fr.sante.guichet.matching.proposals-computed.v1',
  ce_specversion: '1.0',
  ce_time: '2026-12-07T09:00:00.000Z',
  ce_subject: 'r-1',
  'content-type': 'application/json',
  traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`,
};
const record = (headers: Record<string, string>, key: string | null = 'r-1'): WireRecord => ({ topic: 'x', partition: 0, offset: '7', key, headers, value: '{}' });
const deadLetter = {
  dlq_reason: 'corps illisible',
  dlq_source_topic: 'intake.requests.v1',
  dlq_source_partition: '0',
  dlq_source_offset: '3',
  dlq_consumer: 'matching-intake',
  dlq_failed_at: '2026-12-07T09:00:01.000Z',
};

describe('the wire checker', () => {
  it('finds nothing to say of a record as the contract describes it', () => {
    expect(wireDifferences(record(cloudEvent), 'matching.proposals.v1')).toEqual([]);
    expect(wireDifferences(record({ ...cloudEvent, ...deadLetter }), 'intake.requests.v1.dlq')).toEqual([]);
  });

  it('reports a ce_subject other than the key, a missing key, an undeclared header, a missing required one', () => {
    expect(wireDifferences(record({ ...cloudEvent, ce_subject: 'requests/r-1' }), 'matching.proposals.v1')).toEqual([expect.stringContaining('ce_subject requests/r-1 differs from the key r-1')]);
    expect(wireDifferences(record(cloudEvent, null), 'matching.proposals.v1')).toEqual(expect.arrayContaining([expect.stringContaining('no key')]));
    expect(wireDifferences(record({ ...cloudEvent, 'x-tenant': 'a' }), 'matching.proposals.v1')).toEqual([expect.stringContaining('header x-tenant is not in the contract')]);
    const { ce_time: _time, ...withoutTime } = cloudEvent;
    expect(wireDifferences(record(withoutTime), 'matching.proposals.v1')).toEqual([expect.stringContaining("required property 'ce_time'")]);
  });

  it('reports dead letters under other header names than dlq_*, a type or a topic the contract does not have', () => {
    const old = { ...cloudEvent, 'x-dlq-reason': 'corps illisible', 'x-dlq-original-topic': 'intake.requests.v1' };
    const differences = wireDifferences(record(old), 'intake.requests.v1.dlq');
    expect(differences).toEqual(expect.arrayContaining([expect.stringContaining("required property 'dlq_reason'"), expect.stringContaining('header x-dlq-reason is not in the contract')]));
    expect(wireDifferences(record({ ...cloudEvent, ce_type: 'fr.sante.guichet.intake.request-submitted.v1' }), 'matching.proposals.v1')).toEqual([expect.stringContaining('is not a message of channel')]);
    expect(wireDifferences(record(cloudEvent), 'matching.proposals.v2')).toEqual([expect.stringContaining('no channel')]);
  });
});
