import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { sealEventData } from '@guichet/contracts';
import type { InboundEvent } from '@guichet/platform';
import { sealedIntakeEvents } from './sealed-events.js';

const inbound = (type: string, key: string, data: unknown): InboundEvent => ({ id: 'e', type, source: 's', specversion: '1.0', datacontenttype: 'application/json', data, key, topic: 't', partition: 0, offset: '0' });

describe('intake events opened with kept keys', () => {
  it('reads a case key once for its events, and again once the case is seen erased', async () => {
    const stored = new Map([['case-1', new Uint8Array(randomBytes(32))]]);
    const reads: string[] = [];
    const sealed = sealedIntakeEvents({ find: async (id) => (reads.push(id), stored.get(id)) });
    const data = sealEventData({ requestId: 'case-1' }, 'case-1', stored.get('case-1') as Uint8Array);
    expect(await sealed.open(data)).toEqual({ data: { requestId: 'case-1' } });
    expect(await sealed.open(data)).toEqual({ data: { requestId: 'case-1' } });
    expect(reads).toEqual(['case-1']);

    stored.delete('case-1');
    sealed.seen?.(inbound('fr.sante.guichet.intake.request-status-changed.v1', 'case-1', data));
    expect(await sealed.open(data)).toEqual({ data: { requestId: 'case-1' } });
    sealed.seen?.(inbound('fr.sante.guichet.intake.request-erased.v1', 'case-1', { requestId: 'case-1' }));
    expect(await sealed.open(data)).toBeUndefined();
  });
});
