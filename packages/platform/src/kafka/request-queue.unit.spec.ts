import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from '@jest/globals';
import { armPendingCheckOnlyWhenWaiting } from './request-queue.js';

interface Queue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  scheduleCheckPendingRequests(): void;
  destroy(): void;
}

const RequestQueue = createRequire(import.meta.url)('kafkajs/src/network/requestQueue/index.js') as new (options: object) => Queue;
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const queues: Queue[] = [];
const queue = (): Queue => {
  const created = new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 30_000, enforceRequestTimeout: true, clientId: 'test', broker: 'localhost:9092', logger: silent });
  queues.push(created);
  return created;
};

afterEach(() => {
  for (const created of queues.splice(0)) created.destroy();
});

describe('kafkajs request queue', () => {
  it('arms no timer when no request waits, as after every response', () => {
    armPendingCheckOnlyWhenWaiting();
    const idle = queue();
    idle.scheduleCheckPendingRequests();
    expect(idle.throttleCheckTimeoutId).toBeNull();
  });

  it('still checks a request held back, and at the end of a throttle', () => {
    armPendingCheckOnlyWhenWaiting();
    armPendingCheckOnlyWhenWaiting();
    const held = queue();
    held.pending.push({});
    held.scheduleCheckPendingRequests();
    expect(held.throttleCheckTimeoutId).not.toBeNull();
    const throttled = queue();
    throttled.throttledUntil = Date.now() + 60_000;
    throttled.pending.push({});
    throttled.scheduleCheckPendingRequests();
    expect(throttled.throttleCheckTimeoutId).not.toBeNull();
  });
});
