// Matching's share of the desk under a steady rate (`npm run bench:matching-pipeline`): the
// service alone on the shared stack (a database and topics of its own), the demo catalogue
// published through its API (scripts/seed-demo.ts), then PIPELINE_RATE request-submitted events
// per second for PIPELINE_SECONDS written to its intake topic as intake writes them. Measured:
// time from the event's publication to its proposals-computed read back from Kafka, the
// service's CPU per request, its MongoDB commands per request (count and time by command) and
// the size of a published proposal set. Printed, not recorded: a diagnostic of one service.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { Kafka, logLevel } from 'kafkajs';
import * as mongo from 'mongodb';
import { cloudEventSources, type InstallationRequestComplete } from '@guichet/contracts';
import { communeIndex } from '@guichet/territory';
import { connectMongo, createKafka, createProducer, loadConfig, kafkaConnectionOptions } from '@guichet/platform';
import { isHousekeeping, tallyCommandsOf } from '../lib/mongo-commands.js';
import { percentile } from '../lib/record-result.js';
import { stackUp } from '../lib/stack-endpoints.js';
import { matchingEnv, startMatching } from '../../services/matching/src/main.js';
import { topicNames } from '../../services/matching/src/adapters/kafka/index.js';
import { installationRequest, submitted } from '../../services/matching/test/support.js';

const rate = Number(process.env.PIPELINE_RATE ?? 20);
const seconds = Number(process.env.PIPELINE_SECONDS ?? 20);
const port = Number(process.env.PIPELINE_PORT ?? 3902);

// The driver's command monitoring, as the service's own connection emits it.
const commandCounter = tallyCommandsOf(mongo.MongoClient);

const id = randomBytes(4).toString('hex');
// The shared stack's endpoints, and its client settings (Kafka's SASL) in process.env for the service and the seeding script.
const endpoints = stackUp();
const config = loadConfig(matchingEnv, {
  KAFKA_BROKERS: endpoints.KAFKA_BROKERS,
  MONGODB_URI: endpoints.MONGODB_URI,
  KEYCLOAK_URL: endpoints.KEYCLOAK_URL,
  MONGODB_DB: `matching_pipeline_${id}`,
  TOPIC_PREFIX: `bench.matching.pipeline.${id}.`,
  CONSUMER_GROUP_PREFIX: `bench-matching-pipeline-${id}`,
  PORT: String(port),
  LOG_LEVEL: 'warn',
  DEMO_ZONING_REGIONS: '24',
});
const topics = topicNames(config.TOPIC_PREFIX);
const log = (line: string) => console.log(`[matching-pipeline] ${line}`);

const running = await startMatching(config, { listen: true });
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: `bench-pipeline-${id}` });
const producer = await createProducer(kafka);
const tapKafka = new Kafka({ ...kafkaConnectionOptions(), clientId: `bench-pipeline-tap-${id}`, brokers: [...config.KAFKA_BROKERS], logLevel: logLevel.NOTHING });
const tap = tapKafka.consumer({ groupId: `bench-pipeline-tap-${id}`, maxBytes: 64 * 2 ** 20 });
const proposed = new Map<string, number>();
const setBytes: number[] = [];
try {
  await new Promise<void>((resolve, reject) => {
    const seed = spawn('npx', ['tsx', 'scripts/seed-demo.ts', '--offers-only'], { env: { ...process.env, MATCHING_URL: `http://127.0.0.1:${port}` }, stdio: 'inherit' });
    seed.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed-demo: ${code}`))));
  });
  // The read model is fed from the offers stream: wait until the published offers are in it.
  for (let last = -1; ; ) {
    await new Promise((r) => setTimeout(r, 2000));
    const size = running.deps.index.stats().offers;
    if (size === last && size > 0) break;
    last = size;
  }
  log(`demo catalogue in the read model: ${running.deps.index.stats().offers} offers`);

  await tap.connect();
  await tap.subscribe({ topics: [topics.matchingProposals], fromBeginning: true });
  await tap.run({
    eachMessage: async ({ message }) => {
      if (message.headers?.['ce_type']?.toString() !== 'fr.sante.guichet.matching.proposals-computed.v1') return;
      const key = message.key?.toString();
      if (key && !proposed.has(key)) {
        proposed.set(key, Date.now());
        setBytes.push(message.value?.length ?? 0);
      }
    },
  });

  const communes = [...communeIndex().all()].filter((c) => c.departement === '37' && c.location !== null);
  const publishRequests = async (count: number, intervalMs: number) => {
    const sent = new Map<string, number>();
    const begin = Date.now();
    const pending: Array<Promise<void>> = [];
    for (let n = 0; n < count; n += 1) {
      const wait = begin + n * intervalMs - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const requestId = randomUUID();
      const data = submitted(requestId, requestOf(n, communes.map((c) => c.insee)));
      sent.set(requestId, Date.now());
      pending.push(
        producer.publish(topics.intakeRequests, [
          { id: randomUUID(), type: 'fr.sante.guichet.intake.request-submitted.v1', source: cloudEventSources.intake, subject: `requests/${requestId}`, time: new Date().toISOString(), key: requestId, data },
        ]),
      );
    }
    await Promise.all(pending);
    return sent;
  };
  const settle = async (sent: Map<string, number>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && [...sent.keys()].some((k) => !proposed.has(k))) await new Promise((r) => setTimeout(r, 200));
  };

  await settle(await publishRequests(20, 50), 120_000);
  log('warm-up done');
  setBytes.length = 0;

  const loadBefore = loadavg()[0] ?? 0;
  commandCounter.reset();
  const cpuStart = process.cpuUsage();
  const wallStart = Date.now();
  const sent = await publishRequests(rate * seconds, 1000 / rate);
  await settle(sent, 300_000);
  const wallMs = Date.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  const tallies = Object.entries(commandCounter.read()).filter(([command]) => !isHousekeeping(command));
  const n = sent.size;
  const latencies = [...sent].map(([k, at]) => (proposed.get(k) ?? Date.now()) - at).sort((a, b) => a - b);
  const commands = tallies
    .sort((a, b) => b[1].totalMs - a[1].totalMs)
    .map(([k, t]) => ({ command: k, perRequest: Number((t.count / n).toFixed(2)), msPerRequest: Number((t.totalMs / n).toFixed(2)), avgMs: Number((t.totalMs / t.count).toFixed(1)) }));
  const sortedBytes = [...setBytes].sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        offered_rps: rate,
        requests: n,
        answered: latencies.length - [...sent.keys()].filter((k) => !proposed.has(k)).length,
        p50_ms: percentile(latencies, 50),
        p95_ms: percentile(latencies, 95),
        max_ms: latencies[latencies.length - 1],
        cpu_ms_per_request: Number(((cpu.user + cpu.system) / 1000 / n).toFixed(2)),
        process_cpu_share: Number(((cpu.user + cpu.system) / 1000 / wallMs).toFixed(3)),
        mongo_commands_per_request: Number((commands.reduce((s, c) => s + c.perRequest, 0)).toFixed(2)),
        mongo_ms_per_request: Number((commands.reduce((s, c) => s + c.msPerRequest, 0)).toFixed(2)),
        proposal_set_bytes_p50: percentile(sortedBytes, 50),
        proposal_set_bytes_max: sortedBytes[sortedBytes.length - 1],
        load_before: loadBefore,
        load_after: loadavg()[0],
        commands,
      },
      null,
      2,
    ),
  );
} finally {
  await tap.disconnect().catch(() => undefined);
  await producer.disconnect();
  await running.stop();
  const mongo = await connectMongo({ uri: config.MONGODB_URI, dbName: config.MONGODB_DB });
  await mongo.db.dropDatabase();
  await mongo.close();
  const admin = tapKafka.admin();
  await admin.connect();
  const mine = Object.values(topics).flatMap((t) => [t, `${t}.dlq`]);
  const existing = new Set(await admin.listTopics());
  await admin.deleteTopics({ topics: mine.filter((t) => existing.has(t)) }).catch(() => undefined);
  await admin.disconnect();
  await kafka.close();
}

/** An intern of Indre-et-Loire whose target commune, radius and consents vary with n. */
function requestOf(n: number, communes: readonly string[]): InstallationRequestComplete {
  const base = installationRequest();
  const target = communes[(n * 37) % communes.length] as string;
  return installationRequest({
    internship: { communeCode: target, hospitalName: 'Centre hospitalier', chuCommuneCode: '37261', startDate: '2026-11-02', endDate: '2027-04-30', ambulatory: true },
    targets: { communes: [target], radiusKm: 20 + (n % 3) * 10 },
    practice: { ...base.practice, onCallParticipation: n % 2 === 0 },
    needs: { ...base.needs, premises: { premisesTypes: ['msp-room', 'individual-practice'], surfaceM2Min: 15, surfaceM2Max: 40, maxMonthlyRent: { amountCents: 60_000, currency: 'EUR' }, availableFrom: '2027-05-01' } },
    consents: { ars: true, cpam: true, ordre: true, collectivites: n % 2 === 0 },
  });
}
