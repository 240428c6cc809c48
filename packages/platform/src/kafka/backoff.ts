export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
}

export const backoffDelay = (attempt: number, { initialMs = 200, maxMs = 10_000, factor = 2 }: BackoffOptions = {}): number =>
  Math.min(maxMs, initialMs * factor ** attempt);

/** Resolves `true` after `ms`, or `false` as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
