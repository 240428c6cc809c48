import { randomUUID } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { openIfSealed, type InstallationRequestComplete, type ProposalsComputed } from '@guichet/contracts';
import { connectMongo, createKafka, createLogger, createProducer, openKeyVault, type EventProducer, type KafkaClient, type MongoHandle, kafkaConnectionOptions } from '@guichet/platform';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { Binary } from 'mongodb';
import type * as mongo from 'mongodb';
import { clientCredentialsToken, passwordToken } from '../../../../tests/harness/tokens.js';
import { accessTopicOf, loadIntakeConfig, type IntakeConfig } from '../config.js';
import { startIntake, type RunningIntake } from '../main.js';

// Support for the integration specs: the service in-process against the real stack, with its own
// database and topics per spec file, a clock the spec can move, tokens from the real Keycloak.

const DAY_MS = 86_400_000;

/** Real time plus offsets the spec can move: one for the case rules (deadlines), one for token expiry. */
export class TestClock {
  offsetMs = 0;
  tokenOffsetMs = 0;
  now = (): Date => new Date(Date.now() + this.offsetMs);
  tokenTime = (): Date => new Date(Date.now() + this.tokenOffsetMs);
  advanceDays(days: number): void {
    this.offsetMs += days * DAY_MS;
  }
}

export interface TestIntake {
  url: string;
  config: IntakeConfig;
  clock: TestClock;
  db: mongo.Db;
  /** Publishes CloudEvents on the matching topic the service consumes. */
  matching: EventProducer;
  service: RunningIntake;
  close(): Promise<void>;
}

function env(): { KAFKA_BROKERS: string; MONGODB_URI: string; KEYCLOAK_URL: string } {
  const { KAFKA_BROKERS, MONGODB_URI, KEYCLOAK_URL } = process.env;
  if (!KAFKA_BROKERS || !MONGODB_URI || !KEYCLOAK_URL) throw new Error('KAFKA_BROKERS, MONGODB_URI et KEYCLOAK_URL sont fixés par tests/harness/global-setup.ts');
  return { KAFKA_BROKERS, MONGODB_URI, KEYCLOAK_URL };
}

export async function startTestIntake(name: string, overrides: Record<string, string> = {}): Promise<TestIntake> {
  const suffix = `${name}-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;
  const config = loadIntakeConfig({
    ...env(),
    MONGODB_DB: `intake_${suffix}`.replace(/-/g, '_').slice(0, 63),
    PORT: '0',
    INTAKE_TOPIC: `intake.requests.test-${suffix}`,
    MATCHING_TOPIC: `matching.proposals.test-${suffix}`,
    ACCESS_TOPIC: `audit.case-access.test-${suffix}`,
    CONSUMER_GROUP: `intake-test-${suffix}`,
    OUTBOX_POLL_MS: '50',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
  const clock = new TestClock();
  const logger = createLogger({ service: 'intake-test', level: config.LOG_LEVEL });
  const service = await startIntake(config, { runtime: { now: clock.now, newId: randomUUID }, tokenTime: clock.tokenTime, logger });
  const mongoHandle: MongoHandle = await connectMongo({ uri: config.MONGODB_URI, dbName: config.MONGODB_DB });
  const kafka: KafkaClient = createKafka({ brokers: config.KAFKA_BROKERS, clientId: `intake-test-${suffix}` });
  const matching = await createProducer(kafka);
  const db = mongoHandle.db;
  return {
    url: service.url,
    config,
    clock,
    db,
    matching,
    service,
    async close() {
      await service.close();
      await matching.disconnect();
      await kafka.close();
      await db.dropDatabase();
      await mongoHandle.close();
      await deleteTopics([config.INTAKE_TOPIC, config.MATCHING_TOPIC, accessTopicOf(config)].flatMap((topic) => [topic, `${topic}.dlq`]));
    },
  };
}

/** The spec's own topics go with it. */
async function deleteTopics(topics: string[]): Promise<void> {
  const admin = new Kafka({ ...kafkaConnectionOptions(), clientId: `intake-test-cleanup-${randomUUID().slice(0, 8)}`, brokers: env().KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

const tokens = new Map<string, { token: string; at: number }>();

/** A demo user's token (password `demo`), reused for four minutes of its five. */
export async function tokenOf(user: string): Promise<string> {
  const cached = tokens.get(user);
  if (cached && Date.now() - cached.at < 240_000) return cached.token;
  const token = user.startsWith('partner-') ? await clientCredentialsToken(user) : await passwordToken(user);
  tokens.set(user, { token, at: Date.now() });
  return token;
}

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, for malformed bodies. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export async function call<T = Record<string, unknown>>(base: string, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (payload !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

const day = (now: number, days: number): string => new Date(now + days * 86_400_000).toISOString().slice(0, 10);

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  hospitalName: string;
  notes: string;
}

export const LEA: Person = {
  firstName: 'Léa',
  lastName: 'Martinez',
  email: 'lea.martinez@example.org',
  phone: '06 12 34 56 78',
  hospitalName: 'Centre hospitalier du Chinonais',
  notes: 'Ma conjointe est professeure des écoles.',
};

export const KARIM: Person = {
  firstName: 'Karim',
  lastName: 'Benali',
  email: 'k.benali@example.org',
  phone: '07 98 76 54 32',
  hospitalName: 'CHU de Tours, hôpital Bretonneau',
  notes: 'Deux enfants en âge scolaire.',
};

/** A complete request of an intern, with dates ahead of `now`, targeting Chinon (37) unless told otherwise. */
export function completeRequest(
  targets: InstallationRequestComplete['targets'] = { communes: ['37072'], departements: ['37'], radiusKm: 30 },
  person: Person = LEA,
): InstallationRequestComplete {
  const now = Date.now();
  return {
    identity: { firstName: person.firstName, lastName: person.lastName },
    contact: { email: person.email, phone: person.phone, homeCommuneCode: '37261' },
    status: 'intern',
    specialty: 'medecine-generale',
    faculty: 'Université de Tours, UFR de médecine',
    internship: { communeCode: '37072', hospitalName: person.hospitalName, startDate: day(now, 10), endDate: day(now, 190), ambulatory: true },
    targets,
    desiredInstallationDate: day(now, 200),
    practice: { mode: 'msp', sector: '1', daysPerWeek: 4, coordinatedPractice: true },
    needs: {
      housing: { from: day(now, 10), until: day(now, 190), maxMonthlyRent: { amountCents: 40000, currency: 'EUR' }, people: 2 },
      spouseJob: { profession: 'education-enseignement', employmentSector: 'public', workingTime: 'full-time', maxCommuteKm: 30 },
    },
    aids: { interested: true, schemeIds: ['cesp'] },
    consents: { ars: true, cpam: true, ordre: true, collectivites: false },
    notes: person.notes,
  };
}

/** Creates a draft with `data` and submits it; returns the request id and its version. */
export async function submittedCase(base: string, token: string, data: InstallationRequestComplete = completeRequest()): Promise<{ id: string; version: number }> {
  const created = await call<{ id: string; version: number }>(base, 'POST', '/v1/requests', { token, body: {} });
  const id = created.body.id;
  const updated = await call<{ version: number }>(base, 'PUT', `/v1/requests/${id}`, { token, body: data, headers: { 'if-match': `"${created.body.version}"` } });
  if (updated.status !== 200) throw new Error(`brouillon refusé (${updated.status}) : ${JSON.stringify(updated.body)}`);
  const submitted = await call<{ version: number; status: string }>(base, 'POST', `/v1/requests/${id}/submit`, { token, headers: { 'if-match': `"${updated.body.version}"` } });
  if (submitted.status !== 200) throw new Error(`dépôt refusé (${submitted.status}) : ${JSON.stringify(submitted.body)}`);
  return { id, version: submitted.body.version };
}

export interface ReceivedMessage {
  key: string | null;
  headers: Record<string, string>;
  data: Record<string, unknown>;
}

/**
 * Reads a topic from its beginning and keeps every message, for assertions on what was published:
 * sealed data is opened with the case's key from the key vault, as matching and notifications do.
 */
export async function watchTopic(topic: string): Promise<{ messages: ReceivedMessage[]; waitFor(match: (message: ReceivedMessage) => boolean, timeoutMs?: number): Promise<ReceivedMessage>; stop(): Promise<void> }> {
  const kafka = new Kafka({ ...kafkaConnectionOptions(), clientId: `intake-test-watch-${randomUUID().slice(0, 8)}`, brokers: env().KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const consumer: Consumer = kafka.consumer({ groupId: `intake-test-watch-${randomUUID()}` });
  const messages: ReceivedMessage[] = [];
  const vault = await connectMongo({ uri: env().MONGODB_URI, dbName: 'admin' });
  const keys = openKeyVault(vault.client);
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(Array.isArray(value) ? value[0] : value)]));
      const opened = await openIfSealed(JSON.parse(message.value?.toString() ?? 'null'), (id) => keys.find(id));
      messages.push({ key: message.key?.toString() ?? null, headers, data: (opened?.data ?? null) as Record<string, unknown> });
    },
  });
  return {
    messages,
    async waitFor(match, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`aucun message attendu sur ${topic} (${messages.length} reçus : ${messages.map((m) => m.headers['ce_type']).join(', ')})`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop: async () => {
      await consumer.disconnect();
      await vault.close();
    },
  };
}

/** Polls until `check` holds (the case follow-up and the consumer work in the background). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition jamais remplie');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** True once the follow-up of every write is done: no write is left pending in the outbox (events published, audit entries copied). */
export async function followedUp(db: mongo.Db): Promise<boolean> {
  return (await db.collection('outbox').countDocuments({}, { limit: 1 })) === 0;
}

/** JSON packed by `packJson` (proposal sets, claims of case writes) as its text; other binaries as they are. */
function unpacked(this: Record<string, unknown>, key: string, value: unknown): unknown {
  // The value before its toJSON (a binary's is its base64).
  const stored = this[key];
  if (!(stored instanceof Binary)) return value;
  try {
    return inflateRawSync(stored.buffer).toString('utf8');
  } catch {
    return value;
  }
}

/** Every stored document, all collections, in which one of `needles` appears, packed or not. */
export async function documentsContaining(db: mongo.Db, needles: readonly string[]): Promise<Array<{ collection: string; needle: string }>> {
  const found: Array<{ collection: string; needle: string }> = [];
  for (const { name } of await db.listCollections().toArray()) {
    for (const doc of await db.collection(name).find().toArray()) {
      const text = JSON.stringify(doc, unpacked);
      for (const needle of needles) if (text.includes(needle)) found.push({ collection: name, needle });
    }
  }
  return found;
}

/** A proposal set of one bundle in Chinon (ZIP), as matching would publish it. */
export function proposalSet(requestId: string, computedAt: string, trigger: ProposalsComputed['trigger'] = 'request-submitted'): ProposalsComputed {
  return {
    proposalSetId: randomUUID(),
    requestId,
    requestVersion: 2,
    computedAt,
    trigger,
    bundles: [
      {
        id: randomUUID(),
        rank: 1,
        communeCode: '37072',
        zone: 'zip',
        housingOfferId: randomUUID(),
        premisesOfferId: randomUUID(),
        score: { total: 80, terms: [{ code: 'distance-to-target', label: 'Distance à la commune souhaitée', weight: 0.4, value: 1, contribution: 40 }] },
        aids: [],
        aidsNotOpen: 0,
        bestCombination: { schemeIds: [], total: { amountCents: 0, currency: 'EUR' } },
        explanation: 'Local en MSP à Chinon (ZIP), logement à 1,2 km du lieu de stage.',
      },
    ],
  };
}
