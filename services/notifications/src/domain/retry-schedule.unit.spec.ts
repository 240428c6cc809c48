import { describe, expect, it } from '@jest/globals';
import { decideAfterAttempt } from './delivery.js';
import { DEFAULT_RETRY_POLICY, retrySchedule } from './retry-schedule.js';

const HOUR = 3_600_000;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const seeded = (seed: number) => () => {
  seed = (seed * 16807) % 2147483647;
  return (seed - 1) / 2147483646;
};

describe('retry schedule', () => {
  it('keeps retrying for at least 24 hours, whatever the jitter', () => {
    for (const random of [() => 0, () => 0.999999, seeded(7), seeded(42)]) {
      expect(sum(retrySchedule(random))).toBeGreaterThanOrEqual(24 * HOUR);
    }
  });

  it('backs off exponentially from 30 seconds up to a 6-hour cap', () => {
    const waits = retrySchedule(() => 0);
    expect(waits.slice(0, 5)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(Math.max(...waits)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
    waits.slice(1).forEach((wait, i) => expect(wait).toBeGreaterThanOrEqual(waits[i] ?? 0));
  });

  it('spreads receivers apart with a jitter of at most 20 % per wait', () => {
    const base = retrySchedule(() => 0);
    const first = retrySchedule(seeded(1));
    const second = retrySchedule(seeded(2));
    expect(first).not.toEqual(second);
    first.forEach((wait, i) => {
      expect(wait).toBeGreaterThanOrEqual(base[i] ?? 0);
      expect(wait).toBeLessThanOrEqual(Math.round((base[i] ?? 0) * 1.2));
    });
  });
});

describe('attempt outcome', () => {
  const at = new Date('2026-10-06T10:00:00Z');
  const schedule = [30_000, 60_000];

  it('is delivered on any 2xx answer', () => {
    expect(decideAfterAttempt({ attemptsMade: 0, schedule }, { at, durationMs: 12, statusCode: 204 })).toEqual({
      status: 'delivered',
      attempt: { attempt: 1, at: at.toISOString(), statusCode: 204, durationMs: 12 },
    });
  });

  it('is retried at the planned time after a failure, redirections included', () => {
    const decision = decideAfterAttempt({ attemptsMade: 1, schedule, firstAttemptAt: at }, { at, durationMs: 5, statusCode: 302 });
    expect(decision).toMatchObject({ status: 'retrying', nextAttemptAt: new Date(at.getTime() + 60_000), attempt: { attempt: 2, error: 'HTTP 302 : redirection non suivie' } });
  });

  it('is parked with its reason once the schedule is spent', () => {
    const first = new Date(at.getTime() - 26 * HOUR);
    const decision = decideAfterAttempt({ attemptsMade: 2, schedule, firstAttemptAt: first }, { at, durationMs: 5, statusCode: 503 });
    expect(decision).toEqual({
      status: 'dead',
      attempt: { attempt: 3, at: at.toISOString(), statusCode: 503, durationMs: 5, error: 'HTTP 503' },
      reason: 'Échec après 3 tentatives sur 26 heures : HTTP 503.',
      lastStatusCode: 503,
    });
    const refused = decideAfterAttempt({ attemptsMade: 2, schedule, firstAttemptAt: first }, { at, durationMs: 1, error: 'connexion refusée' });
    expect(refused).toMatchObject({ status: 'dead', reason: 'Échec après 3 tentatives sur 26 heures : connexion refusée.' });
  });
});
