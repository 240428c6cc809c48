import { spawn } from 'node:child_process';
import { kafkaConnectionOptions } from '@guichet/platform';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import * as mongo from 'mongodb';
import { percentile, recordResult } from '../lib/record-result.js';
import { isHousekeeping, type CommandTally } from '../lib/mongo-commands.js';
import { stackUp, type StackEndpoints } from '../lib/stack-endpoints.js';
import { closedLoop, openLoop, summary, type Call, type Measured } from './load.js';
import { tokenIssuer } from './local-tokens.js';
import { cpuSeconds, cpuShare } from '../lib/process-cpu.js';

// Intake benchmark: sustained submissions per second and latency at 200 requests/s through the
// real stack (HTTP → MongoDB-wire server → outbox → Kafka), beside a bare express + driver insert
// of the same document, in the same run, on the same machine.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Sized for a shared 2-core machine where the MongoDB-wire server answers in tens of milliseconds.
const RATE = 200;
const OPEN_SECONDS = 1;
const CLOSED_SECONDS = 10;
const CONCURRENCY = 16;
const CLOSED_CALLS = 300;
const WARM_UP = 20;
const SUSTAINED_SECONDS = 5;
const PREPARE_CONCURRENCY = 8;
/** Longest wait for the events of a phase to reach Kafka; a shortfall is recorded, not waited out. */
const DRAIN_MS = 60_000;

const startedAt = performance.now();
const progress = (what: string): void => void process.stderr.write(`[bench:intake +${Math.round((performance.now() - startedAt) / 1000)} s] ${what}\n`);

/**
 * BENCH_INTAKE_MONGODB_URI points both servers at another MongoDB-wire server (e.g. a FerretDB
 * build with a fix under evaluation, started by hand): a comparison, printed and not recorded.
 */
const otherStore = process.env['BENCH_INTAKE_MONGODB_URI'];
/**
 * BENCH_INTAKE_SUSTAINED_RPS fixes the rate of the sustained phase (half the closed-loop throughput
 * otherwise), so that two runtimes or builds compared side by side see the same offered load.
 */
const fixedSustainedRate = Number(process.env['BENCH_INTAKE_SUSTAINED_RPS'] ?? 0);

function endpointsOfRun(): StackEndpoints {
  const endpoints = stackUp();
  if (otherStore === undefined) return endpoints;
  const { ferretdb: _shared, ...components } = endpoints.components;
  return { ...endpoints, MONGODB_URI: otherStore, components };
}

interface Child {
  port: number;
  pid: number;
  /** MongoDB commands the server sent since the previous call (ours only). */
  tally(): Promise<Record<string, CommandTally>>;
  stop(): Promise<void>;
}

/** Servers still running, stopped whatever happens to the run. */
const running = new Set<Child>();
/** Databases and topics of the run, removed whatever happens to it. */
let leftovers: { uri: string; brokers: string[]; databases: string[]; topics: string[] } | undefined;

async function removeLeftovers(): Promise<void> {
  if (leftovers === undefined) return;
  const client = await new mongo.MongoClient(leftovers.uri).connect();
  for (const name of leftovers.databases) await client.db(name).dropDatabase();
  await client.close();
  const admin = new Kafka({ ...kafkaConnectionOptions(), clientId: 'bench-intake-cleanup', brokers: leftovers.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.deleteTopics({ topics: leftovers.topics }).catch(() => undefined);
  await admin.disconnect();
}

function startChild(file: string, env: NodeJS.ProcessEnv): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'intake', file)], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line !== '' && !line.startsWith('READY')) process.stderr.write(`${line}\n`);
      const ready = /READY (\d+)/.exec(output);
      if (ready?.[1] && child.pid !== undefined) {
        const pid = child.pid;
        const handle: Child = {
          port: Number(ready[1]),
          pid,
          tally: () =>
            new Promise((answered) => {
              child.once('message', (message) => answered((message as { tally: Record<string, CommandTally> }).tally));
              child.send('tally');
            }),
          stop: () =>
            new Promise<void>((done) => {
              running.delete(handle);
              if (child.exitCode !== null) done();
              child.once('exit', () => done());
              process.kill(pid, 'SIGTERM');
            }),
        };
        running.add(handle);
        resolve(handle);
      }
    });
    child.once('exit', (code) => reject(new Error(`${file} s'est arrêté (code ${code}) avant d'être prêt`)));
  });
}

const day = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The same complete request as the integration specs, for an intern targeting Chinon. */
function requestBody(index: number): string {
  return JSON.stringify({
    identity: { firstName: 'Camille', lastName: `Durand-${String.fromCharCode(97 + (index % 26))}` },
    contact: { email: `camille.${index}@example.org`, phone: '06 12 34 56 78', homeCommuneCode: '37261' },
    status: 'intern',
    specialty: 'medecine-generale',
    faculty: 'Université de Tours, UFR de médecine',
    internship: { communeCode: '37072', hospitalName: 'Centre hospitalier du Chinonais', startDate: day(10), endDate: day(190), ambulatory: true },
    targets: { communes: ['37072'], departements: ['37'], radiusKm: 30 },
    desiredInstallationDate: day(200),
    practice: { mode: 'msp', sector: '1', daysPerWeek: 4, coordinatedPractice: true },
    needs: {
      housing: { from: day(10), until: day(190), maxMonthlyRent: { amountCents: 40000, currency: 'EUR' }, people: 2 },
      spouseJob: { profession: 'education-enseignement', employmentSector: 'public', workingTime: 'full-time', maxCommuteKm: 30 },
    },
    aids: { interested: true, schemeIds: ['cesp'] },
    consents: { ars: true, cpam: true, ordre: true, collectivites: false },
    notes: 'Ma conjointe est professeure des écoles.',
  });
}

/** Drafts of distinct candidates, created through the API; returns the submit call of each. */
async function prepareDrafts(port: number, count: number, sign: (subject: string) => Promise<string>): Promise<{ calls: Call[]; rps: number }> {
  const calls: Call[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const token = await sign(`bench-candidate-${index}-${randomUUID()}`);
      const response = await fetch(`http://127.0.0.1:${port}/v1/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: requestBody(index),
      });
      const body = (await response.json()) as { id?: string; version?: number };
      if (response.status !== 201 || body.id === undefined) throw new Error(`brouillon refusé : ${response.status} ${JSON.stringify(body)}`);
      calls.push({ method: 'POST', path: `/v1/requests/${body.id}/submit`, headers: { authorization: `Bearer ${token}`, 'if-match': `"${body.version}"` } });
      if (calls.length % 500 === 0) process.stderr.write(`${calls.length}/${count} brouillons\n`);
    }
  };
  await Promise.all(Array.from({ length: PREPARE_CONCURRENCY }, worker));
  return { calls, rps: (count * 1000) / (performance.now() - started) };
}

/** Round trips of the MongoDB-wire server alone, on an empty database: the floor under every figure. */
async function storeRoundTrips(uri: string, dbName: string): Promise<{ findMs: number; insertMs: number }> {
  const client = await new mongo.MongoClient(uri).connect();
  const docs = client.db(dbName).collection<{ _id: string; n: number }>('probe');
  try {
    await docs.insertOne({ _id: 'probe', n: 0 });
    let started = performance.now();
    for (let i = 0; i < 20; i += 1) await docs.findOne({ _id: 'probe' });
    const findMs = (performance.now() - started) / 20;
    started = performance.now();
    for (let i = 0; i < 20; i += 1) await docs.insertOne({ _id: `probe-${i}`, n: i });
    return { findMs, insertMs: (performance.now() - started) / 20 };
  } finally {
    await client.db(dbName).dropDatabase();
    await client.close();
  }
}

/** listDatabases makes FerretDB compute every database's size: on a server full of other tests' databases it can take minutes. */
const LIST_DATABASES_MS = 20_000;

/** Databases of earlier runs stopped before they could clean up: none of their documents may weigh on this run. */
async function dropStaleDatabases(uri: string): Promise<string[] | 'not-listed'> {
  const client = await new mongo.MongoClient(uri).connect();
  try {
    const listed = client.db().admin().listDatabases({ nameOnly: true });
    const timeout = new Promise<'not-listed'>((resolve) => setTimeout(() => resolve('not-listed'), LIST_DATABASES_MS).unref());
    const answer = await Promise.race([listed, timeout]);
    if (answer === 'not-listed') {
      listed.catch(() => undefined);
      return answer;
    }
    const stale = answer.databases.map((db) => db.name).filter((name) => /^bench_(intake|baseline|probe)_/.test(name));
    for (const name of stale) await client.db(name).dropDatabase();
    return stale;
  } finally {
    await client.close(true);
  }
}

/**
 * The commands a submission costs, each timed alone on the cases collection as the run left it
 * (same size, same documents), with the service stopped: what the MongoDB-wire server needs.
 */
async function commandsAtRunSize(uri: string, dbName: string): Promise<{ cases: number; findMs: number; updateMs: number; insertMs: number }> {
  const client = await new mongo.MongoClient(uri).connect();
  const db = client.db(dbName);
  const cases = db.collection<{ _id: string }>('cases');
  try {
    const ids = (await cases.find({}, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id);
    const pick = (i: number): string => ids[(i * 37) % ids.length] ?? '';
    const time = async (work: (i: number) => Promise<unknown>): Promise<number> => {
      const started = performance.now();
      for (let i = 0; i < 20; i += 1) await work(i);
      return (performance.now() - started) / 20;
    };
    const findMs = await time((i) => cases.findOne({ _id: pick(i) }));
    const updateMs = await time((i) => cases.updateOne({ _id: pick(i) }, { $set: { benchProbe: i } }));
    const marks = db.collection<{ _id: string }>('outbox_sent');
    const insertMs = await time((i) => marks.insertOne({ _id: `probe-${randomUUID()}-${i}` }));
    return { cases: ids.length, findMs, updateMs, insertMs };
  } finally {
    await client.close();
  }
}

/** Per submission: how many of each command, and their mean time during the run. */
function perSubmission(tally: Record<string, CommandTally>, submissions: number): string {
  return Object.entries(tally)
    .filter(([name]) => !isHousekeeping(name))
    .sort((a, b) => b[1].totalMs - a[1].totalMs)
    .map(([name, { count, totalMs }]) => `${name} ×${round(count / Math.max(1, submissions))} (${round(totalMs / Math.max(1, count))} ms)`)
    .join(', ');
}

/** Waits until intake's topic holds `expected` events: the follow-up of earlier calls is done, the next phase starts clean. */
async function drained(brokers: string[], topic: string, expected: number, timeoutMs = DRAIN_MS): Promise<boolean> {
  const admin = new Kafka({ ...kafkaConnectionOptions(), clientId: `bench-intake-drain-${randomUUID().slice(0, 6)}`, brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const offsets = await admin.fetchTopicOffsets(topic);
      if (offsets.reduce((sum, partition) => sum + Number(partition.high), 0) >= expected) return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await admin.disconnect();
  }
}

/** Listens to intake's topic and times each request-submitted from the moment its call was due. */
async function watchSubmissions(brokers: string[], topic: string) {
  const kafka = new Kafka({ ...kafkaConnectionOptions(), clientId: `bench-intake-${randomUUID().slice(0, 8)}`, brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `bench-intake-${randomUUID()}`, maxWaitTimeInMs: 20 });
  const due = new Map<string, number>();
  const latencies: number[] = [];
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const key = message.key?.toString();
      const type = message.headers?.['ce_type']?.toString();
      const dueAt = key === undefined ? undefined : due.get(key);
      if (type === 'fr.sante.guichet.intake.request-submitted.v1' && dueAt !== undefined) latencies.push(performance.now() - dueAt);
    },
  });
  await joined;
  return { due, latencies, stop: () => consumer.disconnect() };
}

const round = (value: number): number => Math.round(value * 100) / 100;

function describe(label: string, measured: Measured): string {
  const { p50, p99, throughput } = summary(measured);
  return `${label}: ${measured.ok} ok, ${measured.failed} en échec ${JSON.stringify(measured.statuses)}, ${round(throughput)}/s, p50 ${round(p50)} ms, p99 ${round(p99)} ms`;
}

async function main(): Promise<void> {
  const endpoints = endpointsOfRun();
  const brokers = endpoints.KAFKA_BROKERS.split(',');
  const suffix = `${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;
  const issuer = await tokenIssuer(`${endpoints.KEYCLOAK_URL.replace(/\/+$/, '')}/realms/guichet`);
  const oursDb = `bench_intake_${suffix}`.replace(/-/g, '_');
  const baselineDb = `bench_baseline_${suffix}`.replace(/-/g, '_');
  const topic = `intake.requests.bench-${suffix}`;
  const matchingTopic = `matching.proposals.bench-${suffix}`;
  leftovers = { uri: endpoints.MONGODB_URI, brokers, databases: [oursDb, baselineDb], topics: [topic, `${topic}.dlq`, matchingTopic, `${matchingTopic}.dlq`] };
  const pids = { ferretdb: endpoints.components['ferretdb']?.pid, kafka: endpoints.components['kafka']?.pid };
  // process.env holds the stack's client settings too (Kafka's SASL among them, stackUp): the servers connect as this process does.
  const env = { ...process.env, KAFKA_BROKERS: endpoints.KAFKA_BROKERS, MONGODB_URI: endpoints.MONGODB_URI, KEYCLOAK_URL: endpoints.KEYCLOAK_URL, LOG_LEVEL: 'warn' };
  const cpu = (service: number) => {
    const own = process.cpuUsage();
    return { service: cpuSeconds(service), ferretdb: cpuSeconds(pids.ferretdb), kafka: cpuSeconds(pids.kafka), loadGenerator: (own.user + own.system) / 1e6 };
  };
  const notes: string[] = [];
  const loadAtStart = loadavg()[0] ?? 0;
  const stale = await dropStaleDatabases(endpoints.MONGODB_URI);
  if (stale === 'not-listed') notes.push(`The server did not list its databases within ${LIST_DATABASES_MS / 1000} s: databases left by interrupted runs, if any, were not dropped (they are separate SQLite files and do not weigh on this run's writes).`);
  else if (stale.length > 0) notes.push(`Dropped before the run, left by interrupted runs: ${stale.join(', ')}.`);
  const roundTrips = await storeRoundTrips(endpoints.MONGODB_URI, `bench_probe_${suffix}`.replace(/-/g, '_'));

  const ours = await startChild('ours-server.ts', {
    ...env,
    PORT: '0',
    MONGODB_DB: oursDb,
    INTAKE_TOPIC: topic,
    MATCHING_TOPIC: matchingTopic,
    CONSUMER_GROUP: `intake-bench-${suffix}`,
    BENCH_JWK: JSON.stringify(issuer.jwk),
    BENCH_ISSUER: issuer.issuer,
  });
  progress('intake started; preparing drafts');
  const drafts = await prepareDrafts(ours.port, WARM_UP + CLOSED_CALLS + RATE * OPEN_SECONDS, issuer.sign);
  const shortfalls: string[] = [];
  let submitted = 0;
  const drainAfter = async (phase: string): Promise<void> => {
    progress(`${phase}: ${submitted} submissions answered, waiting for their events on Kafka`);
    if (!(await drained(brokers, topic, submitted))) shortfalls.push(phase);
  };
  const warmCalls = drafts.calls.slice(0, WARM_UP);
  const closedCalls = drafts.calls.slice(WARM_UP, WARM_UP + CLOSED_CALLS);
  const openCalls = drafts.calls.slice(WARM_UP + CLOSED_CALLS);
  submitted += (await closedLoop(ours.port, warmCalls, CONCURRENCY, 60_000, 200)).ok;
  await drainAfter('warm-up');

  await ours.tally();
  let before = cpu(ours.pid);
  const oursClosed = await closedLoop(ours.port, closedCalls, CONCURRENCY, CLOSED_SECONDS * 1000, 200);
  const oursClosedCpu = cpuShare(before, cpu(ours.pid), oursClosed.elapsedMs);
  submitted += oursClosed.ok;
  await drainAfter('closed loop');
  const closedCommands = await ours.tally();

  // Latency also at half the throughput just measured: what a candidate sees when the desk is not saturated.
  const sustainedRate = fixedSustainedRate > 0 ? fixedSustainedRate : Math.max(1, Math.floor(summary(oursClosed).throughput / 2));
  const sustainedCalls = (await prepareDrafts(ours.port, sustainedRate * SUSTAINED_SECONDS, issuer.sign)).calls;
  const oursSustained = await openLoop(ours.port, sustainedCalls, sustainedRate, 200);
  submitted += oursSustained.ok;
  await drainAfter(`open loop at ${sustainedRate}/s`);

  const kafkaWatch = await watchSubmissions(brokers, topic);
  const ids = openCalls.map((call) => call.path.split('/')[3] ?? '');
  before = cpu(ours.pid);
  const oursOpen = await openLoop(ours.port, openCalls, RATE, 200, (index, dueAt) => kafkaWatch.due.set(ids[index] ?? '', dueAt));
  const oursOpenCpu = cpuShare(before, cpu(ours.pid), oursOpen.elapsedMs);
  const deadline = Date.now() + DRAIN_MS;
  while (kafkaWatch.latencies.length < oursOpen.ok && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  if (kafkaWatch.latencies.length < oursOpen.ok) shortfalls.push(`open loop at ${RATE}/s`);
  await kafkaWatch.stop();
  await ours.stop();
  progress('intake stopped; timing its commands alone, then the baseline');
  const alone = await commandsAtRunSize(endpoints.MONGODB_URI, oursDb);

  const baseline = await startChild('baseline-server.ts', { ...env, MONGODB_DB: baselineDb });
  const insert = (index: number): Call => ({ method: 'POST', path: '/requests', body: requestBody(index) });
  await closedLoop(baseline.port, Array.from({ length: WARM_UP }, (_, i) => insert(i)), CONCURRENCY, 60_000, 201);
  before = cpu(baseline.pid);
  const baselineClosed = await closedLoop(baseline.port, Array.from({ length: 40_000 }, (_, i) => insert(i)), CONCURRENCY, CLOSED_SECONDS * 1000, 201);
  const baselineClosedCpu = cpuShare(before, cpu(baseline.pid), baselineClosed.elapsedMs);
  const baselineOpen = await openLoop(baseline.port, Array.from({ length: RATE * OPEN_SECONDS }, (_, i) => insert(i)), RATE, 201);
  await baseline.stop();
  progress('done');


  const oursThroughput = summary(oursClosed).throughput;
  const baselineThroughput = summary(baselineClosed).throughput;
  const oursAtRate = summary(oursOpen);
  const baselineAtRate = summary(baselineOpen);
  const e2e = [...kafkaWatch.latencies].sort((a, b) => a - b);
  const share = (shares: Record<string, number>) =>
    Object.entries(shares)
      .map(([name, value]) => `${name} ${round(value)}`)
      .join(', ');
  const sustained = summary(oursSustained);
  const busiest = Object.entries(oursClosedCpu).sort((a, b) => b[1] - a[1])[0];
  const countOf = (pattern: RegExp): number =>
    Object.entries(closedCommands).reduce((sum, [name, tally]) => (pattern.test(name) ? sum + tally.count : sum), 0) / Math.max(1, oursClosed.ok);
  const updatesPerSubmission = countOf(/^(update|findAndModify) cases$/);
  const insertsPerSubmission = countOf(/^insert /);
  const writerMs = updatesPerSubmission * alone.updateMs + insertsPerSubmission * alone.insertMs;
  const writerCeiling = 1000 / writerMs;
  const metrics = {
    throughput_rps: round(oursThroughput),
    p50_ms: round(oursAtRate.p50),
    p99_ms: round(oursAtRate.p99),
    baseline_throughput_rps: round(baselineThroughput),
    ratio: round(oursThroughput / baselineThroughput),
    rate_rps: RATE,
    baseline_p50_ms: round(baselineAtRate.p50),
    baseline_p99_ms: round(baselineAtRate.p99),
    kafka_p50_ms: round(percentile(e2e, 50)),
    kafka_p99_ms: round(percentile(e2e, 99)),
    draft_create_rps: round(drafts.rps),
    sustained_rate_rps: sustainedRate,
    sustained_p50_ms: round(sustained.p50),
    sustained_p99_ms: round(sustained.p99),
    store_find_ms: round(roundTrips.findMs),
    store_insert_ms: round(roundTrips.insertMs),
    cases_at_end: alone.cases,
    case_find_ms: round(alone.findMs),
    case_update_ms: round(alone.updateMs),
    marker_insert_ms: round(alone.insertMs),
    writer_ceiling_rps: round(writerCeiling),
  };
  notes.push(
    `Submission = \`POST /v1/requests/{id}/submit\` of a complete draft (${closedCalls.length + openCalls.length} distinct candidates, RS256 tokens verified as Keycloak's): token check, read by \`_id\`, completeness and territory checks, then under the case's lock a read by \`_id\` and one update carrying the state, the outbox event and the audit entry (and dropping the entries already followed up); the follow-up then inserts the audit entry in the append-only collection, publishes the event on Kafka (acks=all) and inserts its "sent" marker keyed by event id. Each phase starts once the previous one's events are all on Kafka; the run's database is new and dropped at the end. Baseline = bare express + \`insertOne\` of the same request document.`,
    `Throughput: closed loop, ${CONCURRENCY} connections, ${CLOSED_SECONDS} s. Latency: open loop at ${RATE} requests/s for ${OPEN_SECONDS} s, timed from when each call was due; a call unanswered after 30 s counts as failed (status 0), so that the run stays bounded. kafka_p50/p99 = from the call being due to the event read back from Kafka.`,
    `- ours, closed loop: ${describe('submissions', oursClosed)}; CPU (cores): ${share(oursClosedCpu)}`,
    `- ours, ${RATE}/s: ${describe('submissions', oursOpen)}; events read back ${e2e.length}; CPU (cores): ${share(oursOpenCpu)}`,
    `- baseline, closed loop: ${describe('inserts', baselineClosed)}; CPU (cores): ${share(baselineClosedCpu)}`,
    `- baseline, ${RATE}/s: ${describe('inserts', baselineOpen)}`,
    `- ours at ${sustainedRate}/s (${fixedSustainedRate > 0 ? 'BENCH_INTAKE_SUSTAINED_RPS' : 'half its closed-loop throughput'}): ${describe('submissions', oursSustained)}`,
    `MongoDB commands per submission during the closed loop (driver's command monitoring, follow-up included; mean time under load): ${perSubmission(closedCommands, oursClosed.ok)}.`,
    `The MongoDB-wire server alone: on an empty database ${round(roundTrips.findMs)} ms per find by _id, ${round(roundTrips.insertMs)} ms per insert (store_find_ms, store_insert_ms); after the run, service stopped, on its ${alone.cases} cases: ${round(alone.findMs)} ms per find by _id, ${round(alone.updateMs)} ms per update by _id, ${round(alone.insertMs)} ms per insert (case_find_ms, case_update_ms, marker_insert_ms).`,
    `What limits it: FerretDB 1.24 on SQLite has one writer per database (the stack's build makes its lookups by \`_id\` use the \`_id\` index, infra/README.md; the stock build scanned the collection for each). A submission's writes are ${round(updatesPerSubmission)} update(s) of a case and ${round(insertsPerSubmission)} insert(s): ${round(writerMs)} ms of the single writer at this size, a ceiling of ${round(writerCeiling)} submissions/s before any read, against ${round(roundTrips.insertMs)} ms for the baseline's one insert. The busiest process during the closed loop was ${busiest ? `${busiest[0]} (${round(busiest[1])} core)` : 'unknown'}.`,
  );
  notes.push(`Machine load (1-minute load average, 2 cores): ${round(loadAtStart)} at the start, ${round(loadavg()[0] ?? 0)} at the end; Kafka, the MongoDB-wire server and the cores were shared with whatever else ran then (nothing else on purpose for the recorded run).`);
  if (shortfalls.length > 0) notes.push(`Events still missing on Kafka ${DRAIN_MS / 1000} s after: ${shortfalls.join(', ')} (the follow-up was still behind when the next phase started).`);
  if (otherStore === undefined) recordResult({ name: 'intake', command: 'npm run bench:intake', metrics, notes });
  else notes.push(`MongoDB-wire server: ${otherStore} (BENCH_INTAKE_MONGODB_URI), not the stack's; its CPU is not measured; not recorded.`);
  process.stdout.write(`${JSON.stringify(metrics, null, 2)}\n${notes.join('\n')}\n`);
}

try {
  await main();
} finally {
  for (const child of [...running]) await child.stop();
  await removeLeftovers();
}
