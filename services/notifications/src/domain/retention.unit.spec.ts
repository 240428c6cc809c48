import { describe, expect, it } from '@jest/globals';
import { horizonOf, replayStart } from './retention.js';

const now = new Date('2026-12-07T10:00:00Z');

describe('retention of what partners were sent', () => {
  it('puts the horizon the given number of days back', () => {
    expect(horizonOf(now, 90).toISOString()).toBe('2026-09-08T10:00:00.000Z');
  });

  it('starts a replay asked from 1970 at the horizon, and a recent one where it was asked', () => {
    expect(replayStart(new Date(0), now, { partnerEventsDays: 90 }).toISOString()).toBe('2026-09-08T10:00:00.000Z');
    expect(replayStart(new Date('2026-11-01T00:00:00Z'), now, { partnerEventsDays: 90 }).toISOString()).toBe('2026-11-01T00:00:00.000Z');
  });
});
