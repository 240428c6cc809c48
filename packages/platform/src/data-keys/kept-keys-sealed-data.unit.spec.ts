import { describe, expect, it } from '@jest/globals';
import type { InboundEvent } from '../kafka/cloudevents.js';
import { sealedDataWithKeptKeys, type EventSealing } from './kept-keys-sealed-data.js';

const ERASED = 'case-erased';
/** A sealing of its own: `{ keyId }` is sealed, opened into the key's first byte. */
const sealing: EventSealing = {
  isSealed: (data) => typeof data === 'object' && data !== null && 'keyId' in data,
  open: async (data, keyOf) => {
    const key = await keyOf((data as { keyId: string }).keyId);
    return key === undefined ? undefined : { data: key[0] };
  },
  erasedType: ERASED,
};
const inbound = (type: string, key: string): InboundEvent => ({ id: 'e', type, source: 's', specversion: '1.0', datacontenttype: 'application/json', data: {}, key, topic: 't', partition: 0, offset: '0' });

describe('sealed events opened with kept keys', () => {
  it('reads a case key once for its events, and again once the case is seen erased', async () => {
    const stored = new Map([['case-1', new Uint8Array([7])]]);
    const reads: string[] = [];
    const sealed = sealedDataWithKeptKeys({ find: async (id) => (reads.push(id), stored.get(id)) }, sealing);
    expect(await sealed.open({ keyId: 'case-1' })).toEqual({ data: 7 });
    expect(await sealed.open({ keyId: 'case-1' })).toEqual({ data: 7 });
    expect(reads).toEqual(['case-1']);

    stored.delete('case-1');
    sealed.seen?.(inbound('case-changed', 'case-1'));
    expect(await sealed.open({ keyId: 'case-1' })).toEqual({ data: 7 });
    sealed.seen?.(inbound(ERASED, 'case-1'));
    expect(await sealed.open({ keyId: 'case-1' })).toBeUndefined();
  });
});
