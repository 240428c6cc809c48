import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { isSealedEventData, openEventData, openIfSealed, sealEventData, validateSealedEventData } from '../src/index.js';

const caseId = '7d1f6a52-3c2b-4c8e-a0f4-5b9e2d1c7a30';
const data = { requestId: caseId, request: { identity: { firstName: 'Léa', lastName: 'Martin' } } };

describe('sealed event data', () => {
  it('hides the payload and fits its schema', () => {
    const sealed = sealEventData(data, caseId, randomBytes(32));
    expect(validateSealedEventData(sealed).ok).toBe(true);
    expect(isSealedEventData(sealed)).toBe(true);
    expect(JSON.stringify(sealed)).not.toContain('Martin');
  });

  it('opens with the case key only, and not once moved to another case', () => {
    const key = randomBytes(32);
    const sealed = sealEventData(data, caseId, key);
    expect(openEventData(sealed, key)).toEqual(data);
    expect(() => openEventData(sealed, randomBytes(32))).toThrow();
    expect(() => openEventData({ sealed: { ...sealed.sealed, keyId: '0b8f6c8e-2f7a-4d0e-9a59-1d1f9a7b2c11' } }, key)).toThrow();
  });

  it('reads clear data as it is and a destroyed key as erased', async () => {
    const key = randomBytes(32);
    expect(await openIfSealed(data, async () => key)).toEqual({ data });
    expect(await openIfSealed(sealEventData(data, caseId, key), async () => key)).toEqual({ data });
    expect(await openIfSealed(sealEventData(data, caseId, key), async () => undefined)).toBeUndefined();
  });
});
