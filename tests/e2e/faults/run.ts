// `npm run test:faults`: FAULTS_REQUESTS requests (2000 by default) submitted to INSTANCES
// instances of each service (2 by default) while the run's own Kafka broker, its own FerretDB and
// one instance of each service are killed with SIGKILL and restarted in turn; prints and records
// the counts (bench/RESULTS.md, section e2e-faults-scaled, or e2e-faults with one instance). Exits
// 1 on a lost or duplicated effect, or on an answer other than a success or a 503 with Retry-After.
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { recordResult } from '../../../bench/lib/record-result.js';
import { allComponents, ensureKeycloak, runFaults } from './scenario.js';

const requests = Number(process.env.FAULTS_REQUESTS ?? 2000);
const candidates = Number(process.env.FAULTS_CANDIDATES ?? 24);
const instances = Number(process.env.INSTANCES ?? 2);
// Spread over at least ~150 s so that every outage, restart included, happens under load.
const intervalMs = Number(process.env.FAULTS_INTERVAL_MS ?? Math.floor(150_000 / requests));
const keycloakUrl = (process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:18080').replace(/\/+$/, '');

// The run's broker takes the shared broker's admin password, and its clients and services sign in
// with it, as under jest (tests/harness/global-setup.ts reads the same file).
const endpoints = '.cache/run/endpoints.json';
if (existsSync(endpoints)) {
  const known = JSON.parse(readFileSync(endpoints, 'utf8')) as Record<string, unknown>;
  for (const name of ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']) {
    const value = known[name];
    if (process.env[name] === undefined && typeof value === 'string' && value !== '') process.env[name] = value;
  }
}

await ensureKeycloak(keycloakUrl);

const began = Date.now();
const log = (line: string) => console.log(`[faults ${((Date.now() - began) / 1000).toFixed(1)} s] ${line}`);
const report = await runFaults({ keycloakUrl, requests, candidates, instances, components: allComponents, downMs: 3000, intervalMs, log });
const seconds = (Date.now() - began) / 1000;
const { problems, ...counts } = report;
console.log(JSON.stringify(counts, null, 2));
for (const problem of problems.slice(0, 40)) console.log(`  - ${problem}`);

recordResult({
  name: instances > 1 ? 'e2e-faults-scaled' : 'e2e-faults',
  command: `FAULTS_REQUESTS=${requests} INSTANCES=${instances} npm run test:faults`,
  metrics: { sent: report.sent, accepted: report.accepted, refused: report.refused, lost: report.lost, duplicates: report.duplicates, kills: report.kills, instances },
  notes: [
    `${requests} requests (draft then submit, one started every ${intervalMs} ms at most) from ${candidates} candidate identities side by side, each retrying as a client would (Retry-After honoured, same Idempotency-Key, re-read after a lost answer), sent to the ${instances} intake instance(s) in turn as a load balancer would (one that is down skipped); the run took ${seconds.toFixed(0)} s.`,
    `${instances} instance(s) of each service on the run's database and broker. Killed with SIGKILL then restarted after 3 s (FerretDB: 10 s, longer than the driver's server selection), in turn, spread over the load: the run's own Kafka broker, its own FerretDB, the first instance of intake, of matching, of notifications (the shared stack is untouched).`,
    `refused = 503 answers with Retry-After; unexpected answers (500, 503 without Retry-After, no answer within 60 s): ${report.unexpected}; connection refusals while intake was down: ${report.unreachable}; requests given up: ${report.abandoned}; accepted requests still waiting for an event when the run ended while a service was still working through its backlog (late, not counted as lost): ${report.pending}; same-id redeliveries read (no effect): ${report.redeliveries}.`,
    `Load average at the end of the run (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(1)).join(', ')}, on a machine shared with other work.`,
    'lost = accepted requests missing their case, their request-submitted event, their move to proposals_ready, their proposals-computed event, or the request-submitted event of one of the four stakeholder streams; duplicates = a second case or a second distinct event for one request and one step (proposals computed twice included).',
  ],
});

process.exit(report.lost === 0 && report.pending === 0 && report.duplicates === 0 && report.unexpected === 0 && report.abandoned === 0 ? 0 : 1);
