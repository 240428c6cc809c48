import type { DeliveryAttempt } from '@guichet/contracts';

export type DeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'dead';

/** What one HTTP attempt gave: a status code when the receiver answered, a French error otherwise. */
export interface AttemptResult {
  at: Date;
  durationMs: number;
  statusCode?: number;
  error?: string;
}

export interface DeliveryProgress {
  /** Attempts made before this one. */
  attemptsMade: number;
  /** Waits between attempts, planned when the delivery was created. */
  schedule: readonly number[];
  /** When the first attempt was made (the schedule counts from it). */
  firstAttemptAt?: Date;
}

export type AttemptDecision =
  | { status: 'delivered'; attempt: DeliveryAttempt }
  | { status: 'retrying'; attempt: DeliveryAttempt; nextAttemptAt: Date }
  | { status: 'dead'; attempt: DeliveryAttempt; reason: string; lastStatusCode?: number };

export const succeeded = (result: AttemptResult): boolean => result.statusCode !== undefined && result.statusCode >= 200 && result.statusCode < 300;

/** The French account of a failed attempt, as the delivery log shows it. */
export function failureOf(result: AttemptResult): string {
  if (result.error) return result.error;
  if (result.statusCode !== undefined && result.statusCode >= 300 && result.statusCode < 400) return `HTTP ${result.statusCode} : redirection non suivie`;
  return `HTTP ${result.statusCode ?? '?'}`;
}

const hours = (ms: number): string => `${Math.round((ms / 3_600_000) * 10) / 10}`.replace('.', ',');

/** Next state of a delivery after an attempt: delivered, retried at the next planned time, or parked. */
export function decideAfterAttempt(progress: DeliveryProgress, result: AttemptResult): AttemptDecision {
  const number = progress.attemptsMade + 1;
  const attempt: DeliveryAttempt = { attempt: number, at: result.at.toISOString(), durationMs: Math.max(0, Math.round(result.durationMs)) };
  if (result.statusCode !== undefined) attempt.statusCode = result.statusCode;
  if (succeeded(result)) return { status: 'delivered', attempt };
  const failure = failureOf(result);
  attempt.error = failure.slice(0, 200);
  const wait = progress.schedule[progress.attemptsMade];
  if (wait !== undefined) return { status: 'retrying', attempt, nextAttemptAt: new Date(result.at.getTime() + wait) };
  const span = result.at.getTime() - (progress.firstAttemptAt ?? result.at).getTime();
  return {
    status: 'dead',
    attempt,
    reason: `Échec après ${number} tentatives sur ${hours(span)} heures : ${failure}.`,
    ...(result.statusCode === undefined ? {} : { lastStatusCode: result.statusCode }),
  };
}
