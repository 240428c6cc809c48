// `npm run bench:e2e-latency`: time from a candidate's submission (its HTTP 2xx) to the
// stakeholder event read by a partner's Kafka consumer, under a steady offered rate
// (E2E_LATENCY_RATE requests/s, 100 by default, for E2E_LATENCY_SECONDS, 20 by default), on a desk
// of its own (own broker, own FerretDB, the three services, a throw-away realm in the real Keycloak).
// E2E_FERRETDB_BIN runs that FerretDB from another build, for a side-by-side comparison (printed, not recorded).
import { stakeholderTopics } from '@guichet/contracts';
import { startKafkaPartner } from '../../tests/e2e/support/partners.js';
import { runLoad, type LoadOptions, type RequestOutcome } from '../../tests/e2e/faults/load.js';
import { ensureKeycloak, openDesk } from '../../tests/e2e/faults/scenario.js';
import { percentile, recordResult } from '../lib/record-result.js';

const rate = Number(process.env.E2E_LATENCY_RATE ?? 100);
const seconds = Number(process.env.E2E_LATENCY_SECONDS ?? 20);
// Each identity has one request in flight: enough of them that the offered rate, not the client, is the limit.
const candidates = Number(process.env.E2E_LATENCY_CANDIDATES ?? 60);
const keycloakUrl = (process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:18080').replace(/\/+$/, '');

await ensureKeycloak(keycloakUrl);

const began = Date.now();
const log = (line: string) => console.log(`[e2e-latency ${((Date.now() - began) / 1000).toFixed(1)} s] ${line}`);
const desk = await openDesk({ keycloakUrl, candidates, log });
try {
  const partner = await startKafkaPartner(Object.values(stakeholderTopics), { brokers: [desk.infrastructure.brokers] });
  const loadOptions: LoadOptions = { intakeUrl: desk.intakeUrl, run: desk.run, requestDeadlineMs: 300_000, httpTimeoutMs: 60_000 };
  const firstEvents = new Map<string, number>();
  let indexed = 0;
  const firstStakeholderEvent = (requestId: string) => {
    for (; indexed < partner.records.length; indexed += 1) {
      const record = partner.records[indexed];
      if (record?.key && record.receivedAt !== undefined && !firstEvents.has(record.key)) firstEvents.set(record.key, record.receivedAt);
    }
    return firstEvents.get(requestId);
  };

  // Warm-up: a few requests through the whole chain (JIT, connections, consumer groups settled).
  const warmIdentities = desk.identities.slice(0, 5);
  const warm = await runLoad({ ...loadOptions, run: `${desk.run}w` }, 10, warmIdentities, { done: 0 });
  const settle = async (outcomes: readonly RequestOutcome[], timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && outcomes.some((o) => o.accepted && firstStakeholderEvent(o.requestId as string) === undefined)) await new Promise((r) => setTimeout(r, 500));
  };
  await settle(warm, 120_000);
  log(`warm-up: ${warm.filter((o) => o.accepted).length}/10 accepted`);

  const offered = rate * seconds;
  const start = Date.now();
  const outcomes = await runLoad(loadOptions, offered, desk.identities, { done: 0 }, { intervalMs: 1000 / rate, stopStartingAt: start + seconds * 1000 });
  const accepted = outcomes.filter((o) => o.accepted && o.acceptedAt !== undefined);
  const lastAccepted = Math.max(...accepted.map((o) => o.acceptedAt as number));
  log(`${outcomes.length} requests started in ${seconds} s (offered ${offered}), ${accepted.length} accepted; last at ${((lastAccepted - start) / 1000).toFixed(1)} s`);
  await settle(accepted, 300_000);
  const settledAt = Date.now();
  await partner.stop();

  // A request whose event had not come when the wait ended counts with the time waited: a lower bound.
  const missing = accepted.filter((o) => firstStakeholderEvent(o.requestId as string) === undefined).length;
  const latencies = accepted
    .map((o) => (firstStakeholderEvent(o.requestId as string) ?? settledAt) - (o.acceptedAt as number))
    .sort((a, b) => a - b);
  const achieved = accepted.length / ((lastAccepted - start) / 1000);
  const submitMs = accepted.map((o) => (o.acceptedAt as number) - (o.startedAt as number)).sort((a, b) => a - b);
  const metrics = { rate_rps: Number(achieved.toFixed(2)), p50_ms: Math.round(percentile(latencies, 50)), p95_ms: Math.round(percentile(latencies, 95)) };
  console.log(JSON.stringify({ offered_rps: rate, ...metrics, accepted: accepted.length, started: outcomes.length, missing, submit_p50_ms: percentile(submitMs, 50) }, null, 2));
  // A run on another FerretDB build is a comparison, printed only: the record stays the stack's own server.
  if (process.env.E2E_FERRETDB_BIN === undefined) {
    recordResult({
      name: 'e2e-latency',
      command: `E2E_LATENCY_RATE=${rate} E2E_LATENCY_SECONDS=${seconds} npm run bench:e2e-latency`,
      metrics,
      notes: [
        `Offered ${rate} requests/s for ${seconds} s (${offered} requests, draft then submit, ${candidates} candidate identities, one request in flight each); ${outcomes.length} started within the window, ${accepted.length} accepted; achieved rate_rps = accepted submissions per second until the last one.`,
        `Latency = from the HTTP 200 of the submit to the first stakeholder event of that request read by a partner Kafka consumer (any of the four stakeholder streams); ${missing} accepted request(s) still had no stakeholder event after waiting 5 min and count with the time waited, so the percentiles are lower bounds when that number is not 0.`,
        `The desk is the bench's own: Kafka and FerretDB (SQLite) instances of its own, the three services, Keycloak shared; two cores shared with the other engineers' work. Client-side time from draft creation to the submit's 200 (what bounds the achieved rate): p50 ${Math.round(percentile(submitMs, 50))} ms, p95 ${Math.round(percentile(submitMs, 95))} ms.`,
      ],
    });
  }
} finally {
  await desk.close();
}
