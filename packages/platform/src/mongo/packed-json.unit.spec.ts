import { describe, expect, it } from '@jest/globals';
import { packJson, unpackJson } from './packed-json.js';

describe('packed JSON', () => {
  it('gives back the value it packed, smaller when the value repeats itself', () => {
    const value = { verdicts: Array.from({ length: 50 }, (_, i) => ({ scheme: `aide-${i % 5}`, message: 'Commune hors zonage ARS : cette aide exige une zone d’intervention prioritaire.' })) };
    const packed = packJson(value);
    expect(unpackJson(packed)).toEqual(value);
    expect(packed.buffer.length).toBeLessThan(JSON.stringify(value).length / 5);
  });
});
