// `npm run bench:e2e-latency`: time from a candidate's submission (its HTTP 2xx) to the
// stakeholder event read by a partner's Kafka consumer, under a steady OPEN-LOOP offered rate
// (E2E_LATENCY_RATE requests/s, 100 by default, for E2E_LATENCY_SECONDS, 20 by default): request i
// starts at i/rate s whatever the answers to the earlier ones. The desk is the bench's own (own
// broker, own FerretDB, the three services, a throw-away realm of candidates in the real Keycloak).
// E2E_LATENCY_OFFERS premises (120 by default, as many as the demo region's) are published first,
// so that each submission gets the bundles a demo desk proposes. E2E_LATENCY_NAME names the record (`e2e-latency` by default; e.g. `e2e-latency-sustained` for a
// rate the desk keeps up with). E2E_FERRETDB_BIN runs that FerretDB from another build and
// E2E_LATENCY_NO_RECORD=1 only prints: comparison runs. Each service's MongoDB commands per accepted
// request are counted by a probe the bench loads into the service processes (bench/lib/mongo-census.ts),
// the Kafka records per topic from the topics' end offsets.
import { loadavg } from 'node:os';
import { stakeholderTopics } from '@guichet/contracts';
import { startKafkaPartner } from '../../tests/e2e/support/partners.js';
import { runLoad, type LoadOptions, type RequestOutcome } from '../../tests/e2e/faults/load.js';
import { ensureKeycloak, openDesk } from '../../tests/e2e/faults/scenario.js';
import { commandsPer, tallyBetween } from '../lib/mongo-commands.js';
import { openMongoCensus } from '../lib/mongo-census-reader.js';
import { percentile, recordResult } from '../lib/record-result.js';
import { readStackEndpoints } from '../lib/stack-endpoints.js';
import { cpuBetween, sampleChildrenCpu } from './cpu-of-children.js';
import { childServiceUrl, publishDeskOffers, waitOffersConsumed } from './desk-offers.js';
import { lateMs, runOpenLoop } from './open-loop.js';
import { recordsPer, topicEndOffsets } from './topic-offsets.js';

const rate = Number(process.env.E2E_LATENCY_RATE ?? 100);
const seconds = Number(process.env.E2E_LATENCY_SECONDS ?? 20);
const name = process.env.E2E_LATENCY_NAME ?? 'e2e-latency';
const offers = Number(process.env.E2E_LATENCY_OFFERS ?? 120);
// One open draft per candidate: the pool must cover the requests in flight, which grow without
// bound when the desk accepts slower than offered; one identity per request by default (at most
// 3 000), so that no request waits for one. A pool too small shows up as late starts in the report.
const candidates = Number(process.env.E2E_LATENCY_CANDIDATES ?? Math.min(Math.round(rate * seconds), 3000));
const keycloakUrl = (process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:18080').replace(/\/+$/, '');
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

// The desk's own broker takes the shared one's admin password (tests/e2e/faults/own-infrastructure.ts), which the
// services and this process then present: from the stack's endpoints when the shell does not export it.
for (const [variable, value] of Object.entries(readStackEndpoints()?.env ?? {})) if (variable.startsWith('KAFKA_SASL_')) process.env[variable] ??= value;
await ensureKeycloak(keycloakUrl);

const began = Date.now();
const log = (line: string) => console.log(`[e2e-latency ${((Date.now() - began) / 1000).toFixed(1)} s] ${line}`);
// The desk's services take their node options from E2E_SERVICE_NODE_ARGS (tests/e2e/faults/scenario.ts): the census's probe is added to those given.
const census = openMongoCensus();
process.env.E2E_SERVICE_NODE_ARGS = [process.env.E2E_SERVICE_NODE_ARGS ?? '', ...census.nodeArgs].join(' ').trim();
const desk = await openDesk({ keycloakUrl, candidates, log });
try {
  if (offers > 0) {
    log(`${await publishDeskOffers({ keycloakUrl, realm: desk.realm.name, matchingUrl: childServiceUrl('matching'), count: offers })} premises published`);
    log(`offers consumed by the services (${await waitOffersConsumed(desk.infrastructure.brokers)} events still behind)`);
  }
  const partner = await startKafkaPartner(Object.values(stakeholderTopics), { brokers: [desk.infrastructure.brokers] });
  const loadOptions: LoadOptions = { intakeUrl: desk.intakeUrl, run: desk.run, requestDeadlineMs: 300_000, httpTimeoutMs: 60_000 };
  // Per request: its first stakeholder event (the submission's projection), and the first that
  // carries its proposals (after matching and intake: the whole chain).
  const firstEvents = new Map<string, number>();
  const proposalEvents = new Map<string, number>();
  let indexed = 0;
  const index = () => {
    for (; indexed < partner.records.length; indexed += 1) {
      const record = partner.records[indexed];
      if (!record?.key || record.receivedAt === undefined) continue;
      if (!firstEvents.has(record.key)) firstEvents.set(record.key, record.receivedAt);
      if (record.type.endsWith('.proposals-computed.v1') && !proposalEvents.has(record.key)) proposalEvents.set(record.key, record.receivedAt);
    }
  };
  const firstStakeholderEvent = (requestId: string) => (index(), firstEvents.get(requestId));
  const proposalsEvent = (requestId: string) => (index(), proposalEvents.get(requestId));
  // What a submission gets back from matching, as its candidate reads it.
  const bundlesOf = async (outcome: RequestOutcome | undefined): Promise<{ count: number; bytes: number }> => {
    const token = desk.identities.find((i) => i.candidate === outcome?.candidate)?.token;
    if (!outcome?.requestId || !token) return { count: 0, bytes: 0 };
    const response = await fetch(`${desk.intakeUrl()}/v1/requests/${outcome.requestId}/proposals`, { headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    const body = (response.ok ? JSON.parse(text) : {}) as { bundles?: unknown[] };
    return { count: body.bundles?.length ?? 0, bytes: Buffer.byteLength(text) };
  };
  const settle = async (outcomes: readonly RequestOutcome[], timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && outcomes.some((o) => o.accepted && proposalsEvent(o.requestId as string) === undefined)) await new Promise((r) => setTimeout(r, 500));
  };

  // Warm-up: a few requests through the whole chain (JIT, connections, consumer groups settled).
  const warm = await runLoad({ ...loadOptions, run: `${desk.run}w` }, 10, desk.identities.slice(0, 5), { done: 0 });
  await settle(warm, 120_000);
  const bundles = await bundlesOf(warm.find((o) => o.accepted));
  log(`warm-up: ${warm.filter((o) => o.accepted).length}/10 accepted; a request's proposals: ${bundles.count} bundle(s), ${bundles.bytes} bytes`);

  // Read outside the CPU window: the readings cost the broker and the services a little.
  const commandsBefore = await census.sample();
  const offsetsBefore = await topicEndOffsets(desk.infrastructure.brokers);
  const loadBefore = load();
  const cpuBefore = sampleChildrenCpu();
  const start = Date.now();
  const run = await runOpenLoop(loadOptions, rate, seconds, desk.identities);
  const { outcomes } = run;
  const accepted = outcomes.filter((o) => o.accepted && o.acceptedAt !== undefined);
  const lastAccepted = Math.max(...accepted.map((o) => o.acceptedAt as number));
  const acceptedInWindow = accepted.filter((o) => (o.acceptedAt as number) <= start + seconds * 1000).length;
  log(`${run.scheduled} requests due in ${seconds} s, ${run.late} started more than ${lateMs} ms after due (client event loop, or no free identity); ${accepted.length} accepted, the last at ${((lastAccepted - start) / 1000).toFixed(1)} s`);
  await settle(accepted, 300_000);
  const settledAt = Date.now();
  const cpu = cpuBetween(cpuBefore, sampleChildrenCpu());
  const loadAfter = load();
  const commandsAfter = await census.sample();
  const offsetsAfter = await topicEndOffsets(desk.infrastructure.brokers);
  await partner.stop();

  // A request whose event had not come when the wait ended counts with the time waited: a lower bound.
  const missing = accepted.filter((o) => firstStakeholderEvent(o.requestId as string) === undefined).length;
  const latencies = accepted
    .map((o) => (firstStakeholderEvent(o.requestId as string) ?? settledAt) - (o.acceptedAt as number))
    .sort((a, b) => a - b);
  const proposalsMissing = accepted.filter((o) => proposalsEvent(o.requestId as string) === undefined).length;
  const proposalLatencies = accepted.map((o) => (proposalsEvent(o.requestId as string) ?? settledAt) - (o.acceptedAt as number)).sort((a, b) => a - b);
  const lastEvent = Math.max(...accepted.map((o) => proposalsEvent(o.requestId as string) ?? settledAt));
  const achieved = accepted.length / (Math.max(lastAccepted - start, seconds * 1000) / 1000);
  const submitMs = accepted.map((o) => (o.acceptedAt as number) - (o.startedAt as number)).sort((a, b) => a - b);
  const delivered = accepted.length - proposalsMissing;
  const metrics = {
    offered_rps: rate,
    rate_rps: Number(achieved.toFixed(2)),
    events_rps: Number((delivered / (Math.max(lastEvent - start, seconds * 1000) / 1000)).toFixed(2)),
    p50_ms: Math.round(percentile(latencies, 50)),
    p95_ms: Math.round(percentile(latencies, 95)),
    p99_ms: Math.round(percentile(latencies, 99)),
    proposals_p50_ms: Math.round(percentile(proposalLatencies, 50)),
    proposals_p95_ms: Math.round(percentile(proposalLatencies, 95)),
    proposals_p99_ms: Math.round(percentile(proposalLatencies, 99)),
    accepted: accepted.length,
    missing,
    proposals_missing: proposalsMissing,
    late_starts: run.late,
  };
  const cpuPerRequestMs = Object.fromEntries(Object.entries(cpu).map(([k, s]) => [k, Number(((s * 1000) / Math.max(1, accepted.length)).toFixed(1))]));
  const totalCpuMs = Object.values(cpuPerRequestMs).reduce((sum, ms) => sum + ms, 0);
  const mongoCommands = Object.fromEntries(
    Object.entries(commandsAfter)
      .filter(([service]) => commandsBefore[service] !== undefined)
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([service, after]) => [service, commandsPer(tallyBetween(commandsBefore[service] ?? {}, after), accepted.length)]),
  );
  const kafkaRecords = recordsPer(offsetsBefore, offsetsAfter, accepted.length);
  const kafkaRecordsTotal = Number(Object.values(kafkaRecords).reduce((sum, n) => sum + n, 0).toFixed(2));
  const breakdown = (counts: Record<string, number>) => Object.entries(counts).map(([what, n]) => `${what} ×${n}`).join(', ');
  // Recorded as flat numbers (a record's metrics are numbers): where the desk's time and commands go, per process.
  const recorded = {
    ...metrics,
    ...Object.fromEntries(Object.entries(cpuPerRequestMs).map(([name, ms]) => [`cpu_ms_per_request_${name}`, ms])),
    ...Object.fromEntries(Object.entries(mongoCommands).map(([service, { total }]) => [`mongo_commands_per_request_${service}`, total])),
    kafka_records_per_request: kafkaRecordsTotal,
  };
  const report = {
    ...recorded,
    scheduled: run.scheduled,
    not_accepted: outcomes.length - accepted.length,
    accepted_in_window: acceptedInWindow,
    start_lag_p95_ms: percentile(run.startLagsMs, 95),
    submit_p50_ms: percentile(submitMs, 50),
    submit_p95_ms: percentile(submitMs, 95),
    candidates,
    offers,
    proposals: bundles,
    cpu_s: cpu,
    cpu_ms_per_request: cpuPerRequestMs,
    mongo_commands_by_command: Object.fromEntries(Object.entries(mongoCommands).map(([service, { byCommand }]) => [service, byCommand])),
    kafka_records_by_topic: kafkaRecords,
    load_before: loadBefore,
    load_after: loadAfter,
  };
  console.log(JSON.stringify(report, null, 2));
  // A run on another FerretDB build is a comparison, printed only: the record stays the stack's own server.
  if (process.env.E2E_FERRETDB_BIN === undefined && process.env.E2E_LATENCY_NO_RECORD === undefined) {
    recordResult({
      name,
      command: `E2E_LATENCY_RATE=${rate} E2E_LATENCY_SECONDS=${seconds}${name === 'e2e-latency' ? '' : ` E2E_LATENCY_NAME=${name}`} npm run bench:e2e-latency`,
      metrics: recorded,
      notes: [
        `Open loop: ${run.scheduled} requests (draft then submit) due at a steady ${rate}/s for ${seconds} s, each started on schedule whatever the answers to the earlier ones, from ${candidates} candidate identities (one open draft each, given back once the submission is accepted); ${run.late} started more than ${lateMs} ms after due (the client's event loop, or no free identity) (start lag p95 ${percentile(run.startLagsMs, 95)} ms). ${accepted.length} accepted (${acceptedInWindow} within the ${seconds} s window, the last at ${((lastAccepted - start) / 1000).toFixed(1)} s), ${outcomes.length - accepted.length} not accepted within 5 min; rate_rps = accepted submissions per second over max(window, time to the last acceptance); events_rps = requests whose proposals reached the stakeholders per second over max(window, time to the last such event).`,
        `Latency (p50/p95/p99_ms) = from the HTTP 200 of the submit to the first stakeholder event of that request read by a partner Kafka consumer (any of the four stakeholder streams: the submission's projection, through intake and notifications); proposals_p*_ms = to the first stakeholder event carrying its proposals (through matching, intake and notifications: the whole chain). ${missing} / ${proposalsMissing} accepted request(s) still lacked the event after waiting 5 min and count with the time waited, so the percentiles are lower bounds when those numbers are not 0. Client-side time from draft creation to the submit's 200: p50 ${Math.round(percentile(submitMs, 50))} ms, p95 ${Math.round(percentile(submitMs, 95))} ms.`,
        `CPU used from the first request until every accepted request's proposals reached the stakeholders, ms per accepted request: ${Object.entries(cpuPerRequestMs).map(([k, v]) => `${k} ${v}`).join(', ')} (what the desk spends whatever the rate — polls, relays, heartbeats — included, so a low rate shows more per request). Load average (1/5/15 min) before ${loadBefore}, after ${loadAfter}.`,
        `MongoDB commands per accepted request over the same span, from each service's driver command monitoring (a probe the bench loads into the service processes; a command as sent on the wire, so a batch of documents in one insert counts once; connection upkeep — hello, ping, endSessions — left out): ${Object.entries(mongoCommands).map(([service, { total, byCommand }]) => `${service} ${total} (${breakdown(byCommand)})`).join('; ')}. Kafka records per accepted request, from the topics' end offsets: ${kafkaRecordsTotal} (${breakdown(kafkaRecords)}).`,
        `What limits it: the two cores. ${Math.round(totalCpuMs)} ms of CPU per accepted request across the desk's processes and this client allow at most ~${(2000 / Math.max(1, totalCpuMs)).toFixed(1)} requests/s end to end; beyond, submissions wait in intake and events in the consumers' backlogs, and the latency grows with the run.`,
        `The desk is the bench's own: Kafka and FerretDB (SQLite) instances of its own, the three services with ${offers} premises published around Chinon (each submission's proposals: ${bundles.count} bundle(s), ${bundles.bytes} bytes as the candidate reads them), Keycloak shared; two cores shared with the bench process itself and the other engineers' work.`,
      ],
    });
  }
} finally {
  await desk.close();
  census.close();
}
