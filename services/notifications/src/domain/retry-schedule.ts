export interface RetryPolicy {
  /** Wait before the second attempt. */
  firstDelayMs: number;
  factor: number;
  /** No single wait is longer than this. */
  maxDelayMs: number;
  /** The planned waits, before jitter, add up to at least this. */
  minimumSpanMs: number;
  /** Each wait is stretched by a random share up to this ratio, so receivers are not hit in waves. */
  jitterRatio: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  firstDelayMs: 30_000,
  factor: 2,
  maxDelayMs: 6 * HOUR,
  minimumSpanMs: 24 * HOUR,
  jitterRatio: 0.2,
};

/**
 * Waits between successive attempts of one delivery: exponential, capped, with jitter that only
 * lengthens a wait, so the whole schedule always spans at least `minimumSpanMs`. `random` returns
 * values in [0, 1) (Math.random in production, a fixed sequence in tests).
 */
export function retrySchedule(random: () => number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number[] {
  const waits: number[] = [];
  let planned = 0;
  let base = policy.firstDelayMs;
  while (planned < policy.minimumSpanMs) {
    const wait = Math.min(base, policy.maxDelayMs);
    waits.push(Math.round(wait * (1 + random() * policy.jitterRatio)));
    planned += wait;
    base *= policy.factor;
  }
  return waits;
}
