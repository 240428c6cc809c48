import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import {
  connectMongo,
  createKafka,
  createLogger,
  createProducer,
  createTokenVerifier,
  exitOnStartFailure,
  measureConsumerLag,
  openKeyVault,
  OutboxPublisher,
  runUntilSignal,
  serveMetrics,
  ServiceMetrics,
  startHttpServer,
  startTelemetry,
  systemClock,
  type Closer,
  type Logger,
  type TokenVerifier,
} from '@guichet/platform';
import { communeIndex, regionName, regionOfDepartement } from '@guichet/territory';
import { purgeClosedCases, type CommandDeps, type Runtime } from './application/index.js';
import { createIntakeApp } from './adapters/http/create-intake-app.js';
import { intakeTopicOf } from './adapters/kafka/intake-topic.js';
import { sealingProducer } from './adapters/kafka/sealing-producer.js';
import { CaseFollowUp } from './adapters/mongo/case-follow-up.js';
import { startMatchingConsumer } from './adapters/kafka/matching-consumer.js';
import { startAccessConsumer } from './adapters/kafka/access-consumer.js';
import { startErasureListener } from './adapters/kafka/erasure-listener.js';
import { ensureIndexes, intakeCollections } from './adapters/mongo/collections.js';
import { MongoAccessLog } from './adapters/mongo/mongo-access-log.js';
import { MongoAuditJournal } from './adapters/mongo/mongo-audit-journal.js';
import { MongoCaseRepository } from './adapters/mongo/mongo-case-repository.js';
import { MongoIdempotencyStore } from './adapters/mongo/mongo-idempotency-store.js';
import { accessTopicOf, loadIntakeConfig, type IntakeConfig } from './config.js';
import type { PlaceLookup } from './domain/index.js';

export interface StartOptions {
  /** Clock and ids of the domain; the real ones unless a test drives them. */
  runtime?: Runtime;
  /** The instant tokens are checked against (expiry); the real time unless a test moves it. */
  tokenTime?: () => Date;
  logger?: Logger;
  verifier?: TokenVerifier;
}

export interface RunningIntake {
  url: string;
  port: number;
  server: Server;
  /** Closed after HTTP has drained, in order: consumer and relays, then Kafka, then MongoDB. */
  closers: readonly Closer[];
  /** Erases the closed cases past their retention now (the service does it every RETENTION_PURGE_INTERVAL_MS); how many. */
  purgeClosedCases(): Promise<number>;
  close(): Promise<void>;
}

/** Places from the communes reference (`@guichet/territory`'s `data/communes.csv`). */
function placesFromReference(): PlaceLookup {
  const communes = communeIndex();
  return {
    regionOfCommune: (insee) => communes.get(insee)?.region,
    departementOfCommune: (insee) => communes.get(insee)?.departement,
    regionOfDepartement,
    regionName,
  };
}

/** Token expiry as an input, like every other time rule. */
function clocked(verifier: TokenVerifier, tokenTime: (() => Date) | undefined): TokenVerifier {
  if (tokenTime === undefined) return verifier;
  return { issuer: verifier.issuer, verify: (token, now) => verifier.verify(token, now ?? tokenTime()) };
}

/** Composition root: configuration → adapters → use cases → HTTP server and Kafka consumer. */
export async function startIntake(config: IntakeConfig, options: StartOptions = {}): Promise<RunningIntake> {
  const logger = options.logger ?? createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
  const runtime: Runtime = options.runtime ?? { now: systemClock.now, newId: randomUUID };
  const targets = config.STATUS_TARGET_DAYS;

  const mongo = await connectMongo({ uri: config.MONGODB_URI, dbName: config.MONGODB_DB });
  const db = mongo.db;
  const collections = intakeCollections(db);
  const dataKeys = openKeyVault(mongo.client);
  await ensureIndexes(collections);

  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: config.SERVICE_NAME, logger });
  await kafka.ensureTopics(
    [config.INTAKE_TOPIC, config.MATCHING_TOPIC, accessTopicOf(config)].flatMap((topic) => [{ topic }, { topic: `${topic}.dlq` }]),
  );
  const producer = await createProducer(kafka);
  const metrics = new ServiceMetrics(config.SERVICE_NAME);
  measureConsumerLag(metrics, kafka);

  const journal = new MongoAuditJournal(collections);
  // Publishes the events and copies the audit entries of each written case, right after the write.
  const publisher: OutboxPublisher = new OutboxPublisher({
    outbox: collections.outbox,
    producer: sealingProducer(producer, dataKeys),
    topicOf: intakeTopicOf(config.INTAKE_TOPIC),
    logger,
    sweepEveryMs: config.OUTBOX_POLL_MS,
    follow: (pending) => followUp.recover(pending),
    metrics,
  });
  const followUp = new CaseFollowUp(collections, publisher);
  const cases = new MongoCaseRepository({ collections, targets, afterWrite: (written) => void followUp.after(written) });
  const idempotency = new MongoIdempotencyStore(collections, () => runtime.now().toISOString());
  const commands: CommandDeps = {
    cases,
    accessLog: new MongoAccessLog(collections),
    rules: { places: placesFromReference(), deskRegions: config.DESK_REGIONS, targets },
    runtime,
  };

  const consumer = await startMatchingConsumer({ kafka, commands, topic: config.MATCHING_TOPIC, groupId: config.CONSUMER_GROUP, logger });
  // A group of its own: one group's members all read the same topics.
  const accessConsumer = await startAccessConsumer({ kafka, commands, topic: accessTopicOf(config), groupId: `${config.CONSUMER_GROUP}-access`, logger });
  const erasures = await startErasureListener({
    kafka,
    topic: config.INTAKE_TOPIC,
    groupId: `${config.CONSUMER_GROUP}-erasures-${config.INSTANCE_ID}-${Date.now()}`,
    stalePrefix: `${config.CONSUMER_GROUP}-erasures-`,
    forget: (caseId) => {
      cases.forget(caseId);
      dataKeys.forget(caseId);
    },
    logger,
  });
  publisher.start();
  const sweep = setInterval(() => {
    const before = new Date(runtime.now().getTime() - config.IDEMPOTENCY_RETENTION_HOURS * 3_600_000).toISOString();
    idempotency.sweep(before).catch((error: unknown) => logger.error({ err: error }, 'purge des clés d’idempotence en échec'));
  }, 3_600_000);
  sweep.unref();
  const purgeClosed = () => purgeClosedCases({ ...commands, destroyDataKeys: (ids) => dataKeys.destroy(ids) }, config.CLOSED_CASE_RETENTION_DAYS);
  const purgeInBackground = () =>
    purgeClosed()
      .then((count) => {
        if (count > 0) logger.info({ count }, 'dossiers clos effacés au terme de leur durée de conservation');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'effacement des dossiers clos en échec'));
  void purgeInBackground();
  const retention = setInterval(purgeInBackground, config.RETENTION_PURGE_INTERVAL_MS);
  retention.unref();

  const verifier = clocked(
    options.verifier ?? createTokenVerifier({ keycloakUrl: config.KEYCLOAK_URL, realm: config.KEYCLOAK_REALM, audience: config.TOKEN_AUDIENCE }),
    options.tokenTime,
  );
  const jwks = `${verifier.issuer}/protocol/openid-connect/certs`;
  const app = createIntakeApp({
    logger,
    verifier,
    bodyLimit: config.BODY_LIMIT,
    metrics,
    commands,
    audit: journal,
    idempotency,
    dataKeys,
    readiness: [
      { name: 'mongodb', check: () => mongo.ping() },
      { name: 'kafka', check: () => kafka.ping() },
      { name: 'matching-consumer', check: () => consumer.isHealthy() },
      { name: 'access-consumer', check: () => accessConsumer.isHealthy() },
      { name: 'erasures', check: () => erasures.isHealthy() },
      { name: 'keycloak', check: async () => (await fetch(jwks, { signal: AbortSignal.timeout(1500) })).ok },
    ],
  });
  const server = await startHttpServer(app, { settings: config, port: config.PORT });
  const { port } = server.address() as AddressInfo;
  logger.info({ port, deskRegions: config.DESK_REGIONS }, 'service intake démarré');
  const metricsListener = await serveMetrics(metrics, { port: config.METRICS_PORT, host: config.METRICS_HOST, logger });

  const closers: Closer[] = [
    metricsListener,
    { name: 'matching-consumer', close: () => consumer.stop() },
    { name: 'access-consumer', close: () => accessConsumer.stop() },
    { name: 'erasures', close: () => erasures.stop() },
    { name: 'outbox', close: () => publisher.stop() },
    { name: 'idempotency-sweep', close: () => clearInterval(sweep) },
    { name: 'retention-purge', close: () => clearInterval(retention) },
    { name: 'kafka-producer', close: () => producer.disconnect() },
    { name: 'kafka-admin', close: () => kafka.close() },
    { name: 'mongodb', close: () => mongo.close() },
  ];
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    closers,
    purgeClosedCases: purgeClosed,
    async close() {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const closer of closers) await closer.close();
    },
  };
}

async function main(): Promise<void> {
  const config = loadIntakeConfig();
  const telemetry = startTelemetry({
    serviceName: config.SERVICE_NAME,
    exporter: config.OTEL_EXPORTER_OTLP_ENDPOINT ? 'otlp' : 'none',
    ...(config.OTEL_EXPORTER_OTLP_ENDPOINT ? { otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT } : {}),
  });
  const logger = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
  const running = await startIntake(config, { logger });
  runUntilSignal({ server: running.server, closers: [...running.closers, { name: 'telemetry', close: () => telemetry.shutdown() }], logger });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch(exitOnStartFailure);
}
