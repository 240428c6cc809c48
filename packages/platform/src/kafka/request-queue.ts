import { createRequire } from 'node:module';

interface RequestQueueInternals {
  pending: unknown[];
  scheduleCheckPendingRequests(): void;
}

const require = createRequire(import.meta.url);

/**
 * kafkajs 2.2.4 (the last release; the 2.3 betas keep it) checks its queue of requests held back
 * (throttled, or over `maxInFlightRequests`) after every response, and arms that check's timer
 * even when nothing is held back: `throttledUntil - Date.now()` is then negative, Node runs it
 * after 1 ms (Node 24 says so with a TimeoutNegativeWarning), and the timer re-arms itself, so
 * every connection that ever received a response wakes its process each millisecond for good
 * (~770 timers/s and ~20 ms of CPU per second per idle process, against ~1 ms with this).
 * The check is only armed while a request waits; the rest of kafkajs' logic is unchanged.
 */
export function armPendingCheckOnlyWhenWaiting(): void {
  const { prototype } = require('kafkajs/src/network/requestQueue/index.js') as { prototype: RequestQueueInternals };
  const schedule = prototype.scheduleCheckPendingRequests;
  if (schedule.name === 'whileWaiting') return;
  prototype.scheduleCheckPendingRequests = function whileWaiting(this: RequestQueueInternals) {
    if (this.pending.length > 0) schedule.call(this);
  };
}
