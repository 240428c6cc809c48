import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cloudEventSources } from '@guichet/contracts';
import { connectMongo, createKafka, createLogger, createProducer, type EventProducer, type KafkaClient, type Logger, type MongoHandle, kafkaConnectionOptions } from '@guichet/platform';
import { Kafka, logLevel } from 'kafkajs';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import type { Clock } from '../src/application/ports.js';
import { prefixedTopicNames, streamTopicsOf, type TopicNames } from '../src/adapters/kafka/topic-names.js';
import { loadNotificationsConfig, type NotificationsConfig } from '../src/config.js';
import type { CaseEvent } from '../src/domain/case-projection.js';
import { startNotifications, type NotificationsOverrides, type RunningNotifications } from '../src/main.js';
import { eventually } from '../../../tests/harness/eventually.js';

export { eventually };

export function stackEnv(): { brokers: string[]; mongoUri: string; keycloakUrl: string } {
  const { KAFKA_BROKERS, MONGODB_URI, KEYCLOAK_URL } = process.env;
  if (!KAFKA_BROKERS || !MONGODB_URI || !KEYCLOAK_URL) throw new Error('stack endpoints missing: run through jest (tests/harness/global-setup.ts)');
  return { brokers: KAFKA_BROKERS.split(','), mongoUri: MONGODB_URI, keycloakUrl: KEYCLOAK_URL };
}

export const unique = (prefix: string): string => `${prefix}${randomBytes(4).toString('hex')}`;

/** Topics of one test file, so runs never read each other's events. */
export function uniqueTopics(): TopicNames {
  return prefixedTopicNames(`${unique('t')}.`);
}

/** A clock the test moves by hand: 24 hours of retries pass in a few calls. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start = new Date()) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/** Silent unless NOTIFICATIONS_TEST_LOG names a level (to see the service's own account of a failure). */
export const quietLogger = (): Logger =>
  createLogger({ service: 'notifications-test', level: (process.env['NOTIFICATIONS_TEST_LOG'] as 'warn' | undefined) ?? 'silent', destination: process.stderr });

export interface ServiceOptions {
  database: string;
  groupPrefix: string;
  topics: TopicNames;
  smtpPort?: number;
  overrides?: NotificationsOverrides;
}

/** One key per test process: a service restarted in a test reads the secrets it sealed before. */
const secretsKey = randomBytes(32).toString('base64');

export function testConfig({ database, groupPrefix, smtpPort }: Pick<ServiceOptions, 'database' | 'groupPrefix' | 'smtpPort'>): NotificationsConfig {
  const { brokers, mongoUri, keycloakUrl } = stackEnv();
  return loadNotificationsConfig({
    SERVICE_NAME: 'notifications-test',
    PORT: '3003',
    KAFKA_BROKERS: brokers.join(','),
    MONGODB_URI: mongoUri,
    MONGODB_DB: database,
    KEYCLOAK_URL: keycloakUrl,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort ?? 12525}`,
    WEBHOOK_LOOPBACK_TEST_MODE: 'true',
    WEBHOOK_SECRETS_KEY: secretsKey,
    PARTNER_STATE_INTERVAL_MS: '1000',
    WEBHOOK_TIMEOUT_MS: '2000',
    CONSUMER_GROUP_PREFIX: groupPrefix,
    SCHEDULER_INTERVAL_MS: '1000',
    LOG_LEVEL: 'silent',
  });
}

export function startService(options: ServiceOptions): Promise<RunningNotifications> {
  return startNotifications(testConfig(options), { port: 0, host: '127.0.0.1', topics: options.topics, logger: quietLogger(), ...options.overrides });
}

/** Publishes case events the way intake and matching do (CloudEvents binary mode, keyed by request). */
export class CasePublisher {
  private constructor(
    private readonly kafka: KafkaClient,
    private readonly producer: EventProducer,
    private readonly topics: TopicNames,
  ) {}

  static async open(topics: TopicNames): Promise<CasePublisher> {
    const kafka = createKafka({ brokers: stackEnv().brokers, clientId: unique('notifications-test-publisher-') });
    const all = [topics.intakeRequests, topics.matchingProposals, topics.catalogueOffers, topics.catalogueReference, ...Object.values(topics.stakeholder)];
    await kafka.ensureTopics([...all, ...all.map((t) => `${t}.dlq`), ...streamTopicsOf(topics)].map((topic) => ({ topic })));
    return new CasePublisher(kafka, await createProducer(kafka), topics);
  }

  /** Publishes and returns the CloudEvents id (pass `id` to publish the same event again). */
  async publish(event: CaseEvent, id: string = randomUUID()): Promise<string> {
    const intake = event.type.startsWith('fr.sante.guichet.intake.');
    await this.producer.publish(intake ? this.topics.intakeRequests : this.topics.matchingProposals, [
      {
        id,
        type: event.type,
        source: intake ? cloudEventSources.intake : cloudEventSources.matching,
        subject: event.data.requestId,
        time: new Date().toISOString(),
        key: event.data.requestId,
        data: event.data,
      },
    ]);
    return id;
  }

  async publishRaw(topic: string, message: { id: string; type: string; key: string; data: unknown }): Promise<void> {
    await this.producer.publish(topic, [{ ...message, source: cloudEventSources.intake, subject: message.key, time: new Date().toISOString() }]);
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
    await this.kafka.close();
  }
}

export interface WireMessage {
  key: string | null;
  headers: Record<string, string>;
  data: Record<string, unknown>;
}

/** Reads topics from the beginning with a bare kafkajs consumer, as a partner would. */
export async function readTopics(topics: readonly string[], until: (received: WireMessage[]) => boolean, timeoutMs = 30_000): Promise<WireMessage[]> {
  const kafka = new Kafka({ ...kafkaConnectionOptions(), clientId: 'notifications-test-reader', brokers: stackEnv().brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: unique('notifications-test-reader-') });
  const received: WireMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${topics.join(', ')} : ${received.length} message(s) après ${timeoutMs} ms`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push({
            key: message.key?.toString() ?? null,
            headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
            data: JSON.parse(message.value?.toString() ?? 'null') as Record<string, unknown>,
          });
          if (until(received)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

/** Everything on these topics now: reads each partition up to its current end. */
export async function readAll(topics: readonly string[], timeoutMs = 30_000): Promise<WireMessage[]> {
  const kafka = new Kafka({ ...kafkaConnectionOptions(), clientId: 'notifications-test-reader', brokers: stackEnv().brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  let total = 0;
  try {
    for (const topic of topics) {
      for (const partition of await admin.fetchTopicOffsets(topic)) total += Number(partition.high) - Number(partition.low);
    }
  } finally {
    await admin.disconnect();
  }
  if (total === 0) return [];
  return readTopics(topics, (received) => received.length >= total, timeoutMs);
}

/** True once a consumer group has committed every message of these topics. */
export async function consumedAll(groupId: string, topics: readonly string[]): Promise<boolean> {
  const kafka = new Kafka({ ...kafkaConnectionOptions(), clientId: 'notifications-test-admin', brokers: stackEnv().brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    for (const { topic, partitions } of committed) {
      const ends = await admin.fetchTopicOffsets(topic);
      for (const end of ends) {
        const done = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        if (Number(end.high) > 0 && Number(done) < Number(end.high)) return false;
      }
    }
    return true;
  } finally {
    await admin.disconnect();
  }
}

export const openDatabase = (name: string): Promise<MongoHandle> => connectMongo({ uri: stackEnv().mongoUri, dbName: name });

/** Waits until the service has projected this event of the case. */
export async function projected(mongo: MongoHandle, requestId: string, eventId: string): Promise<void> {
  await eventually(async () => {
    const found = await mongo.db.collection('cases').countDocuments({ _id: requestId, processedEventIds: eventId } as never);
    if (found !== 1) throw new Error(`événement ${eventId} du dossier ${requestId} pas encore projeté`);
  });
}


export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

/** A real SMTP server on 127.0.0.1 (ephemeral port) keeping what arrives, parsed. */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  private readonly server: SMTPServer;
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
            this.mails.push({ to, subject: mail.subject ?? '', text: mail.text ?? '', messageId: mail.messageId ?? '' });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export interface ReceivedWebhook {
  webhookId: string;
  type: string;
  requestId: string;
  sourceEventType: string;
  data: Record<string, unknown>;
}

/**
 * A partner's webhook endpoint on 127.0.0.1: verifies every signature with standardwebhooks,
 * answers 503 while `failing` says so, and keeps what it accepted in arrival order.
 */
export class WebhookReceiver {
  readonly accepted: ReceivedWebhook[] = [];
  readonly refusedSignatures: string[] = [];
  requests = 0;
  failing: (requestNumber: number) => boolean = () => false;
  secret: string | undefined;
  private readonly server: Server = createServer((req, res) => {
    void this.handle(req).then((status) => res.writeHead(status).end());
  });

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/guichet`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    return this;
  }

  private async handle(req: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    this.requests += 1;
    if (this.failing(this.requests)) return 503;
    if (!this.secret) return 500;
    let event: { id: string; type: string; subject: string; data: Record<string, unknown> };
    try {
      event = new Webhook(this.secret).verify(body, req.headers as Record<string, string>) as typeof event;
    } catch (error) {
      this.refusedSignatures.push((error as Error).message);
      return 401;
    }
    this.accepted.push({
      webhookId: String(req.headers['webhook-id']),
      type: event.type,
      requestId: event.subject,
      sourceEventType: String(event.data['sourceEventType']),
      data: event.data,
    });
    return 204;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

export interface ApiResponse<T = unknown> {
  status: number;
  contentType: string;
  body: T;
}

/** Calls the service's HTTP API with a bearer token. */
export async function api<T = Record<string, unknown>>(baseUrl: string, token: string | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (text === '' ? undefined : JSON.parse(text)) as T };
}
