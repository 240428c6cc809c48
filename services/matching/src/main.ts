import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Express } from 'express';
import type * as mongo from 'mongodb';
import { z } from 'zod';
import { intakeEventSealing, type RegionCode } from '@guichet/contracts';
import {
  commonEnv,
  connectMongo,
  openKeyVault,
  createKafka,
  createLogger,
  createProducer,
  createTokenVerifier,
  exitOnStartFailure,
  loadConfig,
  measureConsumerLag,
  Outbox,
  OutboxPublisher,
  runUntilSignal,
  sealedDataWithKeptKeys,
  serveMetrics,
  ServiceMetrics,
  startHttpServer,
  startTelemetry,
  systemClock,
  type Closer,
  type Logger,
  type RunningConsumer,
} from '@guichet/platform';
import type { MatchingDeps } from './application/matching/matching-deps.js';
import type { RematchReport } from './application/matching/rematch.js';
import type { Runtime } from './application/ports.js';
import { EligibilityCache } from './application/eligibility-cache.js';
import { ReferenceData } from './application/reference-data.js';
import { seedReferenceData } from './application/reference/seed-reference.js';
import { createMatchingApp } from './adapters/http/index.js';
import { runCatalogueConsumer, runIntakeConsumer, runOfferProjection, runReferenceProjection, topicNames, topicSpecs } from './adapters/kafka/index.js';
import { ensureIndexes, matchingCollections, MongoAidSchemeStore, MongoIdempotencyStore, MongoOfferStore, MongoRequestStore, MongoZoningStore } from './adapters/mongo/index.js';
import { readAidSchemeSeed, readDemoZoningFile } from './adapters/reference-files.js';
import { CommuneDirectory, OfferIndex, ReplayProgress } from './read-model/index.js';
import { convertAidCatalogue, demoZoningRegions } from './reference/index.js';


const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const matchingEnv = commonEnv.extend({
  SERVICE_NAME: z.string().min(1).default('matching'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3002),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'nom de base invalide').default('guichet_matching'),
  /** Prefixes every topic name: isolates a test run (its topics are then created at start). */
  TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/).default(''),
  CONSUMER_GROUP_PREFIX: z.string().min(1).default('matching'),
  INSTANCE_ID: z.string().min(1).default(`${hostname()}-${process.pid}`),
  SIMULATIONS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Regions given a generated demo zoning at start (`npm start`, tests); none unless asked. */
  DEMO_ZONING_REGIONS: z.string().default('').transform((v) => v.split(',').map((r) => r.trim()).filter(Boolean) as RegionCode[]),
  AID_SCHEMES_FILE: z.string().optional(),
  /** Re-matching of a new consumer group from the start of the catalogue streams (tests); live changes only otherwise. */
  REMATCH_FROM_BEGINNING: flag.default(false),
  READ_MODEL_CATCH_UP_MS: z.coerce.number().int().min(0).default(120_000),
});

export type MatchingConfig = z.output<typeof matchingEnv>;

export interface StartOptions {
  /** Listen on PORT; tests drive the app in-process instead. */
  readonly listen?: boolean;
  readonly logger?: Logger;
  readonly runtime?: Runtime;
  onRematch?(eventId: string, report: RematchReport): void;
}

export interface RunningMatching {
  readonly app: Express;
  readonly server?: Server;
  readonly deps: MatchingDeps;
  readonly progress: ReplayProgress;
  readonly closers: readonly Closer[];
  stop(): Promise<void>;
}

/**
 * Composition root: config → MongoDB, Kafka, reference data (seeded when missing), outbox
 * relays, the offer read model replayed from its stream, then the consumers that compute
 * proposals and re-match, and the HTTP API. Nothing else opens a connection.
 */
export async function startMatching(config: MatchingConfig, options: StartOptions = {}): Promise<RunningMatching> {
  const logger = options.logger ?? createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
  const runtime: Runtime = options.runtime ?? { now: systemClock.now, newId: () => randomUUID() };
  const names = topicNames(config.TOPIC_PREFIX);
  const groups = (name: string) => `${config.CONSUMER_GROUP_PREFIX}-${name}`;

  const mongo = await connectMongo({ uri: config.MONGODB_URI, dbName: config.MONGODB_DB });
  const collections = matchingCollections(mongo);
  await ensureIndexes(collections);
  const idempotency = new MongoIdempotencyStore(collections.idempotency);

  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: `${config.SERVICE_NAME}-${config.INSTANCE_ID}`, logger });
  if (config.TOPIC_PREFIX !== '') await kafka.ensureTopics(topicSpecs(names));
  const producer = await createProducer(kafka);
  const metrics = new ServiceMetrics(config.SERVICE_NAME);
  measureConsumerLag(metrics, kafka);
  const db = mongo.db;
  const outbox = new Outbox(db);
  await outbox.ensureIndexes();
  const publisher: OutboxPublisher = new OutboxPublisher({ outbox, producer, topicOf: names.of, logger, complete: (entry) => requests.completeEvent(entry), metrics });
  const events = { outbox, publisher };
  const requests = new MongoRequestStore(collections.requests, collections.requestClaims, collections.proposalSets, events);
  const offers = new MongoOfferStore(collections.offers, collections.offerTransitions, events);
  const aidSchemes = new MongoAidSchemeStore(collections.aidSchemes, collections.aidSchemeClaims, events);
  const zoning = new MongoZoningStore(collections.zoningImports, events);
  publisher.start();

  const communes = CommuneDirectory.shared();
  const reference = new ReferenceData(aidSchemes, zoning);
  const catalogue = convertAidCatalogue(config.AID_SCHEMES_FILE ? readAidSchemeSeed(config.AID_SCHEMES_FILE) : readAidSchemeSeed());
  const demoZoning = readDemoZoningFile();
  const withoutDemo = config.DEMO_ZONING_REGIONS.filter((region) => !demoZoningRegions(demoZoning).includes(region));
  if (withoutDemo.length > 0) logger.warn({ regions: withoutDemo }, 'pas de zonage de démonstration pour ces régions : importer leur arrêté');
  const seeded = await seedReferenceData({ aidSchemes, zoning, communes, runtime }, catalogue, config.DEMO_ZONING_REGIONS, demoZoning);
  await reference.reload();
  logger.info({ ...seeded, schemes: reference.snapshot().catalogue.length }, 'données de référence prêtes');


  const index = new OfferIndex({ locate: (code) => communes.location(code) });
  const progress = new ReplayProgress(await offers.publishedVersions(), (id) => index.version(id));
  const consumers: RunningConsumer[] = [];
  // Groups of this instance and start alone (see instanceGroup): deleted at stop, and those killed instances left at the next start.
  const readModel = (kind: string) => ({ groupId: groups(`read-model-${kind}-${config.INSTANCE_ID}-${Date.now()}`), instanceGroup: { stale: (id: string) => id.startsWith(groups('read-model-')) } });
  consumers.push(await runOfferProjection({ kafka, topic: names.catalogueOffers, ...readModel('offers'), index, progress, logger }));
  await caughtUp(progress, config.READ_MODEL_CATCH_UP_MS, logger);
  index.rebuild();
  consumers.push(await runReferenceProjection({ kafka, topic: names.catalogueReference, ...readModel('reference'), reference, logger }));

  const deps: MatchingDeps = { requests, offers, index, communes, reference, runtime, eligibility: new EligibilityCache() };
  const dataKeys = openKeyVault(mongo.client);
  const sealed = sealedDataWithKeptKeys(dataKeys, intakeEventSealing);
  consumers.push(await runIntakeConsumer({ kafka, topic: names.intakeRequests, groupId: groups('intake'), deps, logger, sealed }));
  consumers.push(
    await runCatalogueConsumer({
      kafka,
      offersTopic: names.catalogueOffers,
      referenceTopic: names.catalogueReference,
      groupId: groups('rematch'),
      fromBeginning: config.REMATCH_FROM_BEGINNING,
      deps,
      aidSchemes,
      logger,
      ...(options.onRematch ? { onRematch: options.onRematch } : {}),
    }),
  );

  const app = createMatchingApp({
    logger,
    metrics,
    readiness: [
      { name: 'mongodb', check: mongo.ping },
      { name: 'kafka', check: kafka.ping },
      { name: 'offres-en-memoire', check: () => progress.caughtUp },
      { name: 'consommateurs', check: () => consumers.every((c) => c.isHealthy()) },
    ],
    deps: {
      ...deps,
      verifier: createTokenVerifier({ keycloakUrl: config.KEYCLOAK_URL, realm: config.KEYCLOAK_REALM, audience: config.TOKEN_AUDIENCE }),
      idempotency,
      aidSchemes,
      zoning,
      simulationsPerMinute: config.SIMULATIONS_PER_MINUTE,
    },
  });
  const server = options.listen ? await startHttpServer(app, { settings: config, port: config.PORT }) : undefined;
  if (server) logger.info({ port: config.PORT }, 'service matching à l’écoute');
  const metricsListener = await serveMetrics(metrics, { port: options.listen ? config.METRICS_PORT : undefined, host: config.METRICS_HOST, logger });

  const closers: Closer[] = [
    metricsListener,
    ...consumers.map((consumer, i) => ({ name: `consumer-${i}`, close: () => consumer.stop() })),
    { name: 'outbox', close: () => publisher.stop() },
    { name: 'producer', close: () => producer.disconnect() },
    { name: 'kafka', close: () => kafka.close() },
    { name: 'mongodb', close: () => mongo.close() },
  ];
  return {
    app,
    ...(server ? { server } : {}),
    deps,
    progress,
    closers,
    async stop() {
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const closer of closers) await closer.close();
    },
  };
}

/** Waits for the replay of the offers stream; past the limit the service starts anyway, not ready, and says so. */
async function caughtUp(progress: ReplayProgress, limitMs: number, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), limitMs);
  });
  const outcome = await Promise.race([progress.whenCaughtUp().then(() => 'done' as const), late]);
  clearTimeout(timer);
  if (outcome === 'late') logger.error({ remaining: progress.remaining }, 'modèle de lecture des offres incomplet après le délai : le service démarre sans être prêt');
  else logger.info('modèle de lecture des offres à jour');
}

async function main(): Promise<void> {
  const config = loadConfig(matchingEnv, process.env);
  const telemetry = startTelemetry({
    serviceName: config.SERVICE_NAME,
    exporter: config.OTEL_EXPORTER_OTLP_ENDPOINT ? 'otlp' : 'none',
    ...(config.OTEL_EXPORTER_OTLP_ENDPOINT ? { otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT } : {}),
  });
  const logger = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
  const running = await startMatching(config, { listen: true, logger });
  runUntilSignal({ server: running.server!, logger, closers: [...running.closers, { name: 'telemetry', close: () => telemetry.shutdown() }] });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch(exitOnStartFailure);
}
