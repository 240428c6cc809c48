import { describe, expect, it } from '@jest/globals';
import { backoffDelay, sleep } from './backoff.js';

describe('backoff', () => {
  it('grows exponentially up to the ceiling', () => {
    const delays = [0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, { initialMs: 100, factor: 3, maxMs: 2000 }));
    expect(delays).toEqual([100, 300, 900, 2000, 2000, 2000]);
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBe(false);
  });
});
