import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import request from 'supertest';
import { cloudEventSources, partitionKeyOf, type EventPayloads, type EventType, type GuichetEvent, type InstallationRequestComplete, type OfferInput, type RequestSubmitted } from '@guichet/contracts';
import { connectMongo, createKafka, createProducer, loadConfig, type EventProducer, kafkaConnectionOptions } from '@guichet/platform';
import { matchingEnv, startMatching, type MatchingConfig, type RunningMatching, type StartOptions } from '../src/main.js';
import { topicNames, type TopicNames } from '../src/adapters/kafka/index.js';
import { passwordToken } from '../../../tests/harness/tokens.js';

export const unique = (prefix: string): string => `${prefix}${randomBytes(4).toString('hex')}`;

export function stackEnv(): { KAFKA_BROKERS: string; MONGODB_URI: string; KEYCLOAK_URL: string } {
  const { KAFKA_BROKERS, MONGODB_URI, KEYCLOAK_URL } = process.env;
  if (!KAFKA_BROKERS || !MONGODB_URI || !KEYCLOAK_URL) throw new Error('stack endpoints missing: run through jest (tests/harness/global-setup.ts)');
  return { KAFKA_BROKERS, MONGODB_URI, KEYCLOAK_URL };
}

export { eventually } from '../../../tests/harness/eventually.js';

/** An isolated run of the service: its own database, topics and consumer groups. */
export interface TestRun {
  readonly config: MatchingConfig;
  readonly topics: TopicNames;
  readonly running: RunningMatching;
  readonly http: ReturnType<typeof request>;
  readonly intake: IntakePublisher;
  /** Every message of the run's topics, as a partner would read them. */
  readonly tap: TopicTap;
  /** Throws while the re-matching consumer has not handled (and committed) every catalogue event published so far. */
  rematchCaughtUp(): Promise<void>;
  restart(options?: StartOptions): Promise<RunningMatching>;
  stop(): Promise<void>;
}

export async function startRun(name: string, env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestRun> {
  const id = unique('');
  const config = loadConfig(matchingEnv, {
    ...stackEnv(),
    MONGODB_DB: `matching_test_${name}_${id}`,
    TOPIC_PREFIX: `test.matching.${name}.${id}.`,
    CONSUMER_GROUP_PREFIX: `test-matching-${name}-${id}`,
    REMATCH_FROM_BEGINNING: 'true',
    LOG_LEVEL: process.env['MATCHING_TEST_LOG_LEVEL'] ?? 'silent',
    READ_MODEL_CATCH_UP_MS: '60000',
    DEMO_ZONING_REGIONS: '24',
    ...env,
  });
  const topics = topicNames(config.TOPIC_PREFIX);
  let running = await startMatching(config, options);
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: `test-${name}` });
  const producer = await createProducer(kafka);
  const tap = await TopicTap.start([topics.catalogueOffers, topics.catalogueReference, topics.matchingProposals], config.KAFKA_BROKERS);
  const run: TestRun = {
    config,
    topics,
    get running() {
      return running;
    },
    get http() {
      return request(running.app);
    },
    intake: new IntakePublisher(producer, topics.intakeRequests),
    tap,
    async rematchCaughtUp() {
      const admin = new Kafka({ ...kafkaConnectionOptions(), clientId: 'test-matching-lag', brokers: config.KAFKA_BROKERS, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      try {
        const catalogue = [topics.catalogueOffers, topics.catalogueReference];
        const committed = await admin.fetchOffsets({ groupId: `${config.CONSUMER_GROUP_PREFIX}-rematch`, topics: catalogue });
        for (const topic of catalogue) {
          const ends = await admin.fetchTopicOffsets(topic);
          const done = committed.find((c) => c.topic === topic)?.partitions ?? [];
          for (const { partition, high } of ends) {
            const at = Number(done.find((d) => d.partition === partition)?.offset ?? -1);
            if (Number(high) > 0 && at < Number(high)) throw new Error(`re-matching behind on ${topic}[${partition}]: ${at} of ${high}`);
          }
        }
      } finally {
        await admin.disconnect();
      }
    },
    async restart(restartOptions = {}) {
      await running.stop();
      running = await startMatching(config, restartOptions);
      return running;
    },
    async stop() {
      await tap.stop();
      await producer.disconnect();
      await running.stop();
      await dropRun(config, topics);
      await kafka.close();
    },
  };
  return run;
}

async function dropRun(config: MatchingConfig, topics: TopicNames): Promise<void> {
  const mongo = await connectMongo({ uri: config.MONGODB_URI, dbName: config.MONGODB_DB });
  await mongo.db.dropDatabase();
  await mongo.close();
  const admin = new Kafka({ ...kafkaConnectionOptions(), clientId: 'test-matching-admin', brokers: config.KAFKA_BROKERS, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const mine = [topics.intakeRequests, topics.catalogueOffers, topics.catalogueReference, topics.matchingProposals].flatMap((t) => [t, `${t}.dlq`]);
    const existing = new Set(await admin.listTopics());
    await admin.deleteTopics({ topics: mine.filter((t) => existing.has(t)) });
  } finally {
    await admin.disconnect();
  }
}

export interface TappedMessage {
  readonly topic: string;
  readonly key: string | null;
  readonly type: string;
  readonly id: string;
  readonly data: Record<string, unknown>;
}

/** Reads the run's topics from their beginning with a bare kafkajs consumer, for the whole test. */
export class TopicTap {
  readonly messages: TappedMessage[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(topics: readonly string[], brokers: readonly string[]): Promise<TopicTap> {
    const consumer = new Kafka({ ...kafkaConnectionOptions(), clientId: 'test-matching-tap', brokers: [...brokers], logLevel: logLevel.NOTHING }).consumer({ groupId: unique('test-matching-tap-') });
    const tap = new TopicTap(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const header = (name: string) => message.headers?.[name]?.toString() ?? '';
        tap.messages.push({ topic, key: message.key?.toString() ?? null, type: header('ce_type'), id: header('ce_id'), data: JSON.parse(message.value?.toString() ?? 'null') as Record<string, unknown> });
      },
    });
    return tap;
  }

  /**
   * The distinct events of a type, as a partner reads them: publishing is at least once (an outbox
   * entry sent again after a slow or failed send, this tap's own group reading again what it had
   * not committed), and a repeat carries the same CloudEvents id.
   */
  of<K extends EventType>(type: K, where: (data: EventPayloads[K]) => boolean = () => true): EventPayloads[K][] {
    const distinct = new Map(this.messages.filter((m) => m.type === type).map((m) => [m.id, m] as const));
    return [...distinct.values()].map((m) => m.data as unknown as EventPayloads[K]).filter(where);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

/** Publishes intake's events as intake does (CloudEvents binary mode, keyed by request). */
export class IntakePublisher {
  constructor(
    private readonly producer: EventProducer,
    private readonly topic: string,
  ) {}

  async publish<K extends EventType>(type: K, data: EventPayloads[K], id: string = randomUUID()): Promise<string> {
    await this.producer.publish(this.topic, [
      { id, type, source: cloudEventSources.intake, subject: 'requests', time: new Date().toISOString(), key: partitionKeyOf({ type, data } as GuichetEvent), data },
    ]);
    return id;
  }
}

const tokens = new Map<string, Promise<string>>();
/** A bearer header for a demo user (tokens are cached per test file). */
export async function bearer(username: string): Promise<string> {
  if (!tokens.has(username)) tokens.set(username, passwordToken(username));
  return `Bearer ${await tokens.get(username)!}`;
}

/** A complete request of an intern of Indre-et-Loire (the contract's example), with overrides. */
export function installationRequest(overrides: Partial<InstallationRequestComplete> = {}): InstallationRequestComplete {
  return {
    identity: { firstName: 'Léa', lastName: 'Martin' },
    contact: { email: 'lea.martin@example.org', homeCommuneCode: '37261' },
    status: 'intern',
    specialty: 'medecine-generale',
    faculty: 'Université de Tours, UFR de médecine',
    internship: { communeCode: '37072', hospitalName: 'Centre hospitalier du Chinonais', chuCommuneCode: '37261', startDate: '2026-11-02', endDate: '2027-04-30', ambulatory: true },
    targets: { communes: ['37072'], radiusKm: 30 },
    desiredInstallationDate: '2027-05-01',
    practice: { mode: 'msp', sector: '1', daysPerWeek: 4, coordinatedPractice: true, onCallParticipation: true },
    needs: {
      premises: { premisesTypes: ['msp-room'], surfaceM2Min: 15, surfaceM2Max: 30, maxMonthlyRent: { amountCents: 60_000, currency: 'EUR' }, availableFrom: '2027-05-01' },
      housing: { from: '2026-11-02', until: '2027-04-30', maxMonthlyRent: { amountCents: 40_000, currency: 'EUR' }, people: 1 },
    },
    aids: { interested: true },
    consents: { ars: true, cpam: true, ordre: true, collectivites: false },
    ...overrides,
  };
}

export function submitted(requestId: string, request: InstallationRequestComplete = installationRequest(), version = 1): RequestSubmitted {
  const communes = request.targets.communes ?? [];
  return {
    requestId,
    candidateId: 'interne.demo',
    version,
    submittedAt: '2026-10-01T09:00:00.000Z',
    territory: { regions: ['24'], departements: [...new Set(communes.map((c) => c.slice(0, 2)))], communes },
    request,
  };
}

export function premisesInput(communeCode: string, overrides: Record<string, unknown> = {}): OfferInput {
  return {
    kind: 'premises',
    details: {
      premisesType: 'msp-room',
      title: `Cabinet en MSP (${communeCode})`,
      communeCode,
      surfaceM2: 20,
      monthlyRent: { amountCents: 40_000, currency: 'EUR' },
      availableFrom: '2027-03-01',
      ...overrides,
    },
  } as OfferInput;
}

export function housingInput(communeCode: string, overrides: Record<string, unknown> = {}): OfferInput {
  return {
    kind: 'housing',
    details: {
      title: `Studio près de l'hôpital (${communeCode})`,
      communeCode,
      beds: 1,
      monthlyPrice: { amountCents: 30_000, currency: 'EUR' },
      availablePeriods: [{ from: '2026-10-01', until: '2027-06-30' }],
      eligibleOccupants: ['intern', 'junior-doctor'],
      ...overrides,
    },
  } as OfferInput;
}
