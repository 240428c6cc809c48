import http from 'node:http';
import { percentile } from '../lib/record-result.js';

export interface Call {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Measured {
  /** Latency of each successful call, ms, from the moment it was due (no coordinated omission). */
  latenciesMs: number[];
  ok: number;
  failed: number;
  statuses: Record<number, number>;
  elapsedMs: number;
}

export function summary(measured: Measured): { p50: number; p99: number; throughput: number } {
  const sorted = [...measured.latenciesMs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), throughput: (measured.ok * 1000) / measured.elapsedMs };
}

/** The status of the answer; 0 when none came within `timeoutMs` (counted as failed). */
function send(agent: http.Agent, port: number, call: Call, timeoutMs = 60_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method: call.method, path: call.path, agent, headers: { ...call.headers, ...(call.body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(call.body) }) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.setTimeout(timeoutMs, () => {
      request.destroy();
      resolve(0);
    });
    if (call.body !== undefined) request.write(call.body);
    request.end();
  });
}

function record(measured: Measured, status: number, startedAt: number, expected: number): void {
  measured.statuses[status] = (measured.statuses[status] ?? 0) + 1;
  if (status === expected) {
    measured.ok += 1;
    measured.latenciesMs.push(performance.now() - startedAt);
  } else measured.failed += 1;
}

/** As many calls as `concurrency` allows, back to back, until the calls or the time run out. */
export async function closedLoop(port: number, calls: readonly Call[], concurrency: number, durationMs: number, expected: number): Promise<Measured> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const measured: Measured = { latenciesMs: [], ok: 0, failed: 0, statuses: {}, elapsedMs: 0 };
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < calls.length && performance.now() - started < durationMs) {
      const call = calls[next++]!;
      const at = performance.now();
      record(measured, await send(agent, port, call).catch(() => 0), at, expected);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  measured.elapsedMs = performance.now() - started;
  agent.destroy();
  return measured;
}

/** One call every 1/rate s whatever the answers; `onDue` learns when each call was due. A call unanswered after `timeoutMs` fails. */
export async function openLoop(
  port: number,
  calls: readonly Call[],
  ratePerSecond: number,
  expected: number,
  onDue?: (index: number, dueAt: number) => void,
  timeoutMs = 30_000,
): Promise<Measured> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const measured: Measured = { latenciesMs: [], ok: 0, failed: 0, statuses: {}, elapsedMs: 0 };
  const interval = 1000 / ratePerSecond;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < calls.length; index += 1) {
    const dueAt = started + index * interval;
    const wait = dueAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    onDue?.(index, dueAt);
    inFlight.push(send(agent, port, calls[index]!, timeoutMs).then((status) => record(measured, status, dueAt, expected), () => record(measured, 0, dueAt, expected)));
  }
  await Promise.all(inFlight);
  measured.elapsedMs = performance.now() - started;
  agent.destroy();
  return measured;
}
