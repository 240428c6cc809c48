import { spawn, type ChildProcess } from 'node:child_process';
import { kafkaConnectionOptions } from '@guichet/platform';
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import { newCaseIds, requestSubmitted } from '../../services/notifications/test/fixtures.js';
import { clientCredentialsToken } from '../../tests/harness/tokens.js';
import { cpuSeconds } from '../lib/process-cpu.js';
import { percentile, recordResult } from '../lib/record-result.js';
import { stackUp, type StackEndpoints } from '../lib/stack-endpoints.js';

// Notifications benchmark: signed webhook deliveries per second to a local receiver that verifies
// every signature, and the latency from request-submitted (intake's topic) to the stakeholder
// event (stakeholder.ars.v1), through the real stack, with the service in its own process.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CASES = Number(process.env['NOTIFICATIONS_BENCH_CASES'] ?? 1000);
const EVENTS_PER_CASE = 10;
const WARM_UP_EVENTS = 200;
const LATENCY_RATE = Number(process.env['NOTIFICATIONS_BENCH_RATE'] ?? 2);
const LATENCY_SECONDS = 30;
/**
 * To see where the service's time goes: a folder for its CPU profile (`node --cpu-prof`), and
 * NOTIFICATIONS_BENCH_COMMANDS, a file for the time of each database call (command-timings.ts).
 */
const CPU_PROFILE_DIR = process.env['NOTIFICATIONS_BENCH_CPU_PROF'];
/** Another build of the service to measure side by side with this one (e.g. an export of the last commit). */
const OTHER_MAIN = process.env['NOTIFICATIONS_BENCH_SERVICE_MAIN'];
const SERVICE_MAIN = OTHER_MAIN ?? join(root, 'services', 'notifications', 'src', 'main.ts');
/** Comparison runs (another build, or NOTIFICATIONS_BENCH_RECORD=false) are printed, not recorded. */
const RECORD = OTHER_MAIN === undefined && process.env['NOTIFICATIONS_BENCH_RECORD'] !== 'false';
const LATENCY_WARM_UP = 10;
/** How long an ARS event is waited for after the last submission; one still missing counts at this bound. */
const LATENCY_GRACE_MS = 30_000;

/** A Kafka of one's own (e.g. while the shared broker is busy or down): the stack then only brings up the others. */
const OWN_BROKERS = process.env['NOTIFICATIONS_BENCH_KAFKA_BROKERS'];

/** The stack's endpoints; stackUp also sets its client settings (Kafka's SASL among them) in process.env, which the service inherits. */
function endpointsOfRun(): StackEndpoints {
  const endpoints = stackUp(OWN_BROKERS ? ['mongo', 'keycloak'] : []);
  return OWN_BROKERS ? { ...endpoints, KAFKA_BROKERS: OWN_BROKERS } : endpoints;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createNetServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True once every event has arrived; checks each one once, so polling costs the receiver's cores nothing that grows with the run. */
function allArrived(events: ReadonlyArray<{ id: string }>, arrivals: ReadonlyMap<string, number>): () => boolean {
  let next = 0;
  return () => {
    while (next < events.length && arrivals.has((events[next] as { id: string }).id)) next += 1;
    return next === events.length;
  };
}

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what} : délai dépassé (${timeoutMs} ms)`);
    await sleep(20);
  }
}

/**
 * What a partner's receiver checks, with node:crypto as a Node receiver would: the Standard
 * Webhooks signature (HMAC-SHA256 of "id.timestamp.body" with the secret's key) and the
 * timestamp's tolerance (5 minutes). Returns the parsed body, or undefined when refused.
 */
function verifiedBody(key: Buffer, body: string, headers: IncomingMessage['headers']): unknown {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return undefined;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return undefined;
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  const matches = signatures.split(' ').some((signature) => {
    const [version, value] = signature.split(',');
    const given = Buffer.from(value ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? JSON.parse(body) : undefined;
}

/** Every this many deliveries, the receiver also verifies with the reference library (standardwebhooks). */
const REFERENCE_CHECK_EVERY = 100;

/**
 * The receiver a partner would run: verifies the Standard Webhooks signature of each request with
 * node:crypto (the reference library computes its HMAC in pure JavaScript, and this receiver
 * shares the service's two cores), and one request in REFERENCE_CHECK_EVERY also with the
 * reference library: both must accept it.
 */
function startReceiver() {
  const arrivals = new Map<string, number>();
  const state = { secret: '', key: Buffer.alloc(0), reference: undefined as Webhook | undefined, verified: 0, referenceChecked: 0, refused: 0, outOfOrder: 0 };
  const lastSeq = new Map<string, number>();
  const server = createHttpServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        const body = Buffer.concat(chunks).toString('utf8');
        const event = verifiedBody(state.key, body, req.headers) as { id: string; subject: string; data: { status?: string; occurredAt: string } } | undefined;
        if (!event) throw new Error('signature refusée');
        if (state.verified % REFERENCE_CHECK_EVERY === 0) {
          state.reference ??= new Webhook(state.secret);
          state.reference.verify(body, req.headers as Record<string, string>);
          state.referenceChecked += 1;
        }
        state.verified += 1;
        arrivals.set(event.id, performance.now());
        const step = Date.parse(event.data.occurredAt);
        if ((lastSeq.get(event.subject) ?? -1) > step) state.outOfOrder += 1;
        lastSeq.set(event.subject, step);
        res.writeHead(204).end();
      } catch {
        state.refused += 1;
        res.writeHead(401).end();
      }
    });
  });
  return { server, arrivals, state };
}

function startService(env: StackEndpoints, port: number, prefix: string, database: string, smtpPort: number): ChildProcess {
  const profile = CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : [];
  const timings = process.env['NOTIFICATIONS_BENCH_COMMANDS'] ? ['--import', join(root, 'bench', 'notifications', 'command-timings.ts')] : [];
  return spawn(process.execPath, [...profile, '--import', 'tsx', ...timings, SERVICE_MAIN], {
    cwd: root,
    env: {
      ...process.env,
      SERVICE_NAME: 'notifications-bench',
      PORT: String(port),
      KAFKA_BROKERS: env.KAFKA_BROKERS,
      MONGODB_URI: env.MONGODB_URI,
      MONGODB_DB: database,
      KEYCLOAK_URL: env.KEYCLOAK_URL,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      TOPIC_PREFIX: prefix,
      CONSUMER_GROUP_PREFIX: `${prefix}notifications`,
      WEBHOOK_LOOPBACK_TEST_MODE: 'true',
      WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** Stakeholder events as the projection publishes them: ten status changes per case, keyed by case. */
function statusEvents(prefix: string, cases: readonly string[], perCase: number, start: number) {
  const base = Date.parse('2026-10-01T00:00:00Z');
  return cases.flatMap((requestId) =>
    Array.from({ length: perCase }, (_, step) => {
      const id = randomUUID();
      const occurredAt = new Date(base + (start + step) * 60_000).toISOString();
      const data = { stakeholder: 'ars', requestId, sourceEventId: id, sourceEventType: 'request-status-changed', occurredAt, territory: { regions: ['24'], departements: ['37'] }, status: 'under_review' };
      return {
        topic: `${prefix}stakeholder.ars.v1`,
        message: {
          key: requestId,
          value: JSON.stringify(data),
          headers: {
            ce_specversion: '1.0',
            ce_id: id,
            ce_source: '/guichet/notifications',
            ce_type: 'fr.sante.guichet.stakeholder.ars.request-status-changed.v1',
            ce_time: occurredAt,
            ce_subject: requestId,
            'content-type': 'application/json',
          },
        },
        id,
      };
    }),
  );
}

async function publishAll(producer: Producer, events: ReturnType<typeof statusEvents>): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    const slice = events.slice(i, i + 500);
    await producer.send({ topic: slice[0]?.topic ?? '', acks: -1, messages: slice.map((e) => e.message) });
  }
}

const round = (value: number): number => Math.round(value * 100) / 100;

/** What the MongoDB-wire server costs right now, on a scratch database: the unit prices of a delivery. */
async function probeStore(uri: string): Promise<{ insertPerDocMs: number; deleteManyMs: number; updateByIdMs: number; findByIdMs: number }> {
  const client = await new MongoClient(uri).connect();
  const db = client.db(`bench_probe_${randomUUID().slice(0, 8)}`);
  const collection = db.collection<{ _id: string; pad: string }>('probe');
  const timed = async (work: () => Promise<unknown>): Promise<number> => {
    const start = performance.now();
    await work();
    return performance.now() - start;
  };
  try {
    await collection.insertOne({ _id: 'first', pad: '' });
    const documents = Array.from({ length: 500 }, (_, i) => ({ _id: `d${i}`, pad: 'x'.repeat(400) }));
    const insertPerDocMs = (await timed(() => collection.insertMany(documents))) / documents.length;
    const findByIdMs = await timed(() => collection.findOne({ _id: 'd250' }));
    const updateByIdMs = await timed(() => collection.updateOne({ _id: 'd251' }, { $set: { pad: 'y' } }));
    const deleteManyMs = await timed(() => collection.deleteMany({ _id: { $in: documents.slice(0, 250).map((d) => d._id) } }));
    return { insertPerDocMs, deleteManyMs, updateByIdMs, findByIdMs };
  } finally {
    await db.dropDatabase();
    await client.close();
  }
}

async function main(): Promise<void> {
  const env = endpointsOfRun();
  const store = await probeStore(env.MONGODB_URI);
  const ferretPid = env.components['ferretdb']?.pid;
  const prefix = `bench-${randomUUID().slice(0, 8)}.`;
  const database = `bench_notifications_${randomUUID().slice(0, 8)}`;
  const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, onData: (stream, _s, done) => stream.on('end', () => done()).resume() });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const receiver = startReceiver();
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', () => resolve()));
  const receiverUrl = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/webhooks`;
  const port = await freePort();
  const service = startService(env, port, prefix, database, (smtp.server.address() as AddressInfo).port);
  // An interrupted run must not leave its service behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => service.kill('SIGTERM'));
  const kafka = new Kafka({ ...kafkaConnectionOptions(), clientId: 'bench-notifications', brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `${prefix}bench-reader`, maxWaitTimeInMs: 20 });
  try {
    await until('service prêt', async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.ok === true, 120_000);
    const token = await clientCredentialsToken('partner-ars');
    const created = await fetch(`http://127.0.0.1:${port}/v1/subscriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiverUrl, eventTypes: ['fr.sante.guichet.stakeholder.ars.request-status-changed.v1', 'fr.sante.guichet.stakeholder.ars.request-submitted.v1'] }),
    });
    const body = (await created.json()) as { secret?: string };
    if (created.status !== 201 || !body.secret) throw new Error(`abonnement refusé : ${created.status} ${JSON.stringify(body)}`);
    receiver.state.secret = body.secret;
    receiver.state.key = Buffer.from(body.secret.replace(/^whsec_/, ''), 'base64');
    await producer.connect();

    // Deliveries: warm up, then ten ordered events per case, published at once.
    const warmUp = statusEvents(prefix, Array.from({ length: WARM_UP_EVENTS / 10 }, () => randomUUID()), 10, 0);
    await publishAll(producer, warmUp);
    await until('échauffement', allArrived(warmUp, receiver.arrivals), 300_000);
    const measured = statusEvents(prefix, Array.from({ length: CASES }, () => randomUUID()), EVENTS_PER_CASE, 100);
    const cpuBefore = { service: cpuSeconds(service.pid), ferretdb: cpuSeconds(ferretPid) };
    const ownCpuBefore = process.cpuUsage();
    const started = performance.now();
    await publishAll(producer, measured);
    const publishMs = performance.now() - started;
    await until('livraisons', allArrived(measured, receiver.arrivals), 600_000);
    const lastArrival = Math.max(...measured.map((e) => receiver.arrivals.get(e.id) ?? 0));
    const deliveriesPerSecond = (measured.length * 1000) / (lastArrival - started);
    const cores = (name: 'service' | 'ferretdb', pid: number | undefined) => {
      const [before, after] = [cpuBefore[name], cpuSeconds(pid)];
      return before === undefined || after === undefined ? NaN : round((after - before) / ((lastArrival - started) / 1000));
    };
    const deliveryCpu = { service: cores('service', service.pid), ferretdb: cores('ferretdb', ferretPid) };
    // CPU time per delivery depends little on what else runs on the machine, unlike the rate.
    const ownCpu = process.cpuUsage(ownCpuBefore);
    const cpuMsPerDelivery = (coresUsed: number) => round((coresUsed * (lastArrival - started)) / measured.length);
    const benchCpuMsPerDelivery = round((ownCpu.user + ownCpu.system) / 1000 / measured.length);
    const load = os.loadavg()[0] ?? NaN;

    // Latency: request-submitted on intake's topic → the ARS stakeholder event, at a steady rate.
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [`${prefix}stakeholder.ars.v1`], fromBeginning: false });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      eachMessage: async ({ message }) => {
        const key = message.key?.toString() ?? '';
        const at = sentAt.get(key);
        if (at !== undefined && message.headers?.['ce_type']?.toString() === 'fr.sante.guichet.stakeholder.ars.request-submitted.v1') latencies.push(performance.now() - at);
      },
    });
    await joined;
    await sleep(1000);
    const total = LATENCY_RATE * LATENCY_SECONDS;
    const warm = LATENCY_WARM_UP;
    const begin = performance.now();
    for (let i = 0; i < total + warm; i += 1) {
      const due = begin + (i * 1000) / LATENCY_RATE;
      await sleep(Math.max(0, due - performance.now()));
      const ids = newCaseIds();
      const event = requestSubmitted(ids);
      if (i >= warm) sentAt.set(ids.requestId, performance.now());
      await producer.send({
        topic: `${prefix}intake.requests.v1`,
        acks: -1,
        messages: [
          {
            key: ids.requestId,
            value: JSON.stringify(event.data),
            headers: {
              ce_specversion: '1.0',
              ce_id: randomUUID(),
              ce_source: '/guichet/intake',
              ce_type: event.type,
              ce_time: new Date().toISOString(),
              ce_subject: ids.requestId,
              'content-type': 'application/json',
            },
          },
        ],
      });
    }
    const lastSent = performance.now();
    await until('événements ARS', () => latencies.length >= total || performance.now() - lastSent > LATENCY_GRACE_MS, LATENCY_GRACE_MS + 5000);
    const missing = total - latencies.length;
    const waited = performance.now() - lastSent;
    for (let i = 0; i < missing; i += 1) latencies.push(waited);
    latencies.sort((a, b) => a - b);

    if (receiver.state.refused > 0 || receiver.state.outOfOrder > 0) {
      throw new Error(`résultat faux : ${receiver.state.refused} signature(s) refusée(s), ${receiver.state.outOfOrder} livraison(s) hors d'ordre`);
    }
    const metrics = {
      deliveries_per_s: round(deliveriesPerSecond),
      deliveries: measured.length,
      publish_ms: round(publishMs),
      service_cpu_ms_per_delivery: cpuMsPerDelivery(deliveryCpu.service),
      ferretdb_cpu_ms_per_delivery: cpuMsPerDelivery(deliveryCpu.ferretdb),
      bench_cpu_ms_per_delivery: benchCpuMsPerDelivery,
      e2e_p50_ms: round(percentile(latencies, 50)),
      e2e_p95_ms: round(percentile(latencies, 95)),
      e2e_rate_rps: LATENCY_RATE,
      e2e_missing: missing,
      store_insert_ms_per_doc: round(store.insertPerDocMs),
      store_delete_many_ms: round(store.deleteManyMs),
      store_update_by_id_ms: round(store.updateByIdMs),
      store_find_by_id_ms: round(store.findByIdMs),
      load_average: round(load),
    };
    if (RECORD) recordResult({
      name: 'notifications',
      command: 'npm run bench:notifications',
      metrics,
      notes: [
        `Livraisons : ${measured.length} événements ARS (${CASES} dossiers × ${EVENTS_PER_CASE}, dans l'ordre de chaque dossier) publiés sur stakeholder.ars.v1 (en ${Math.round(publishMs)} ms) après ${warmUp.length} d'échauffement ; compté de la publication à la dernière réception. Le récepteur vérifie chaque signature (node:crypto, et une sur ${REFERENCE_CHECK_EVERY} aussi avec la bibliothèque de référence standardwebhooks) : ${receiver.state.verified} vérifiées (dont ${receiver.state.referenceChecked} par la référence), 0 refusée, 0 hors d'ordre. CPU pendant les livraisons (cœurs) : service ${deliveryCpu.service}, ferretdb ${deliveryCpu.ferretdb} (le serveur est partagé : ce chiffre compte aussi ce que d'autres y font), banc (récepteur et producteur) ${round(benchCpuMsPerDelivery * measured.length / (lastArrival - started))} ; charge moyenne de la machine ${round(load)} sur 2 cœurs (autres bancs et tests en cours). Le temps CPU par livraison (service_cpu_ms_per_delivery…) dépend peu de la charge, le débit beaucoup : comparer deux versions côte à côte (NOTIFICATIONS_BENCH_SERVICE_MAIN).`,
        `Latence : ${total} request-submitted à ${LATENCY_RATE}/s sur intake.requests.v1 (après ${warm} d'échauffement), mesurée jusqu'à l'événement stakeholder.ars.v1 lu par un consommateur Kafka (projection, écriture MongoDB avec outbox, publication aussitôt après l'écriture) ; ${missing} non reçu(s) ${Math.round(waited / 1000)} s après la dernière soumission, comptés à cette borne.`,
        `Ce que coûte une livraison : les événements d'un lot Kafka sont gardés (1 insertMany, groupé avec ceux des lots des autres partitions), envoyés aussitôt en parallèle (100 dossiers à la fois, dans l'ordre de chaque dossier, connexions HTTP gardées ouvertes), puis chaque livraison réussie du premier coup est inscrite au journal avec sa tentative (1 insertMany groupé) : 2 documents par livraison, aucune mise à jour ni suppression. Seules les livraisons qui doivent attendre (échec, dossier occupé, abonnement en pause) sont rangées dans la file. Une soumission coûte 1 écriture du dossier (insertion groupée, ou mise à jour gardée par la version) et 1 mise à jour qui vide sa boîte d'envoi une fois les événements publiés.`,
        `Serveur MongoDB-wire (FerretDB 1.24 sur SQLite, un seul écrivain par base) mesuré pendant ce run : ${round(store.insertPerDocMs)} ms par document inséré en lot de 500, ${round(store.deleteManyMs)} ms pour retirer 250 documents par _id ($in, la collection est parcourue), ${round(store.updateByIdMs)} ms pour une mise à jour par _id, ${round(store.findByIdMs)} ms pour une lecture par _id.`,
      ],
    });
    process.stdout.write(`${JSON.stringify(metrics)}\n`);
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await new Promise<void>((resolve) => {
      if (service.exitCode !== null) resolve();
      else {
        service.once('exit', () => resolve());
        service.kill('SIGTERM');
      }
    });
    receiver.server.close();
    smtp.close(() => undefined);
    const client = await new MongoClient(env.MONGODB_URI).connect();
    await client.db(database).dropDatabase();
    await client.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
