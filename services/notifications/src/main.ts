import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { eventCatalogue, intakeEventSealing } from '@guichet/contracts';
import {
  connectMongo,
  openKeyVault,
  createHttpApp,
  createKafka,
  createLogger,
  createProducer,
  createTokenVerifier,
  dlqTopicOf,
  exitOnStartFailure,
  measureConsumerLag,
  Outbox,
  OutboxPublisher,
  runUntilSignal,
  sealedDataWithKeptKeys,
  serveMetrics,
  ServiceMetrics,
  startHttpServer,
  startTelemetry,
  type Closer,
  type Logger,
  type OutboxEntry,
  type RunningConsumer,
  type TokenVerifier,
} from '@guichet/platform';
import { BackgroundLoop } from './application/background-loop.js';
import { isDisclosureEvent } from './application/disclosure-log.js';
import { CachedSubscriptionStore } from './application/cached-subscriptions.js';
import { InMemoryCatalogue } from './application/catalogue-in-memory.js';
import { sendDueEmails } from './application/candidate-mail.js';
import { systemClock, type Clock, type PartnerClients } from './application/ports.js';
import { runPendingReplays } from './application/run-replays.js';
import { WebhookScheduler } from './application/webhook-scheduler.js';
import { personalDataRoutes } from './adapters/http/personal-data-routes.js';
import { subscriptionRoutes } from './adapters/http/subscription-routes.js';
import { purgePartnerLogs } from './application/purge-partner-logs.js';
import { runCatalogueConsumer, runEmailConsumer, runProjectionConsumer, runWebhookConsumer } from './adapters/kafka/consumers.js';
import { prefixedTopicNames, stakeholderTopicsOf, streamTopicsOf, type TopicNames } from './adapters/kafka/topic-names.js';
import { MongoCaseStore } from './adapters/mongo/case-store.js';
import { MongoCatalogueStore } from './adapters/mongo/catalogue-store.js';
import { database, ensureIndexes } from './adapters/mongo/collections.js';
import { MongoDeadLetterStore } from './adapters/mongo/dead-letter-store.js';
import { MongoDeliveryStore } from './adapters/mongo/delivery-store.js';
import { MongoEventLog } from './adapters/mongo/event-log.js';
import { MongoEmailQueue, MongoMailboxStore } from './adapters/mongo/mail-stores.js';
import { MongoReplayStore } from './adapters/mongo/replay-store.js';
import { MongoSubscriptionStore } from './adapters/mongo/subscription-store.js';
import { OutboxDisclosureLog } from './adapters/mongo/outbox-disclosure-log.js';
import { SecretBox } from './adapters/crypto/secret-box.js';
import { PartnerClientStates } from './adapters/keycloak/partner-client-states.js';
import { SmtpMailer } from './adapters/smtp/smtp-mailer.js';
import { targetCheck } from './adapters/webhook/guarded-target.js';
import { MeasuredDeadLetterStore, MeasuredDeliveryStore } from './adapters/webhook/delivery-metrics.js';
import { HttpWebhookSender } from './adapters/webhook/http-sender.js';
import { loadNotificationsConfig, type NotificationsConfig } from './config.js';
import type { Stakeholder } from './domain/stakeholders.js';
import { UrlGuard } from './domain/url-guard.js';

/** What tests and the benchmark may replace; production uses the defaults. */
export interface NotificationsOverrides {
  logger?: Logger;
  topics?: TopicNames;
  /** Scheduling clock of webhook retries and e-mails. */
  clock?: Clock;
  /** Clock of webhook signatures (receivers check it against their own). */
  signingClock?: Clock;
  random?: () => number;
  verifier?: TokenVerifier;
  /** 0 for an ephemeral port. */
  port?: number;
  host?: string;
}

export interface RunningNotifications {
  server: Server;
  /** Base URL of the HTTP API. */
  url: string;
  /** In shutdown order: consumers first, then background work, producers, connections. */
  closers: Closer[];
  scheduler: WebhookScheduler;
  /** Whether each partner client may receive deliveries, as last read from Keycloak. */
  partners: PartnerClients;
  /** Runs the webhook and e-mail loops now instead of at their next turn. */
  nudge(): void;
  stop(): Promise<void>;
}

/** The family's partner client when the desk has exactly one: the reader of that family's streams. */
function partnerOfFamily(families: ReadonlyMap<string, Stakeholder>): (family: Stakeholder) => string | undefined {
  return (family) => {
    const clients = [...families].filter(([, of]) => of === family).map(([client]) => client);
    return clients.length === 1 ? clients[0] : undefined;
  };
}

const everyPartnerEnabled: PartnerClients & { refresh(): Promise<void> } = { isEnabled: () => true, refresh: async () => undefined };

/** The partner clients' state in Keycloak, when this service has a client to read it with. */
function partnerClients(config: NotificationsConfig, logger: Logger): PartnerClients & { refresh(): Promise<void> } {
  if (config.PARTNER_DIRECTORY_CLIENT_SECRET === undefined) {
    logger.warn('PARTNER_DIRECTORY_CLIENT_SECRET absent : un client partenaire désactivé dans Keycloak continuerait de recevoir ses webhooks');
    return everyPartnerEnabled;
  }
  return new PartnerClientStates({
    keycloakUrl: config.KEYCLOAK_URL,
    realm: config.KEYCLOAK_REALM,
    clientId: config.PARTNER_DIRECTORY_CLIENT_ID,
    clientSecret: config.PARTNER_DIRECTORY_CLIENT_SECRET,
    partners: [...config.PARTNER_FAMILIES.keys()],
    logger,
  });
}

/** Composition root: configuration → adapters → use cases → consumers, loops and HTTP. */
export async function startNotifications(config: NotificationsConfig, overrides: NotificationsOverrides = {}): Promise<RunningNotifications> {
  const logger = overrides.logger ?? createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
  const topics = overrides.topics ?? prefixedTopicNames(config.TOPIC_PREFIX);
  const clock = overrides.clock ?? systemClock;
  const random = overrides.random ?? Math.random;

  const mongoHandle = await connectMongo({ uri: config.MONGODB_URI, dbName: config.MONGODB_DB });
  const db = database(mongoHandle);
  await ensureIndexes(db);
  const outbox = new Outbox(db);
  await outbox.ensureIndexes();
  const subscriptionStore = new MongoSubscriptionStore(db.collection('subscriptions'), new SecretBox(config.WEBHOOK_SECRETS_KEY), db.collection('subscription_claims'));
  try {
    const sealed = await subscriptionStore.sealClearSecrets();
    if (sealed > 0) logger.info({ sealed }, 'secrets de signature enregistrés en clair chiffrés');
  } catch (error) {
    await mongoHandle.close();
    throw error;
  }

  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: config.SERVICE_NAME, logger });
  const allTopics = [topics.intakeRequests, topics.matchingProposals, topics.catalogueOffers, topics.catalogueReference, topics.caseAccess, ...Object.values(topics.stakeholder)];
  await kafka.ensureTopics([...allTopics, ...allTopics.map(dlqTopicOf), ...streamTopicsOf(topics)].map((topic) => ({ topic })));
  const producer = await createProducer(kafka);
  const metrics = new ServiceMetrics(config.SERVICE_NAME);
  measureConsumerLag(metrics, kafka);
  // Stakeholder events are published right after the write that made them; the sweep, in every
  // instance, publishes what a stopped instance or a refusing broker left.
  // Disclosures to partners go to the access topic, for the candidates' access logs.
  const topicOf = (type: string, entry: OutboxEntry) => (isDisclosureEvent(type) ? topics.caseAccess : stakeholderTopicsOf(topics, entry));
  const publisher = new OutboxPublisher({ outbox, producer, topicOf, logger, sweepEveryMs: config.RELAY_POLL_INTERVAL_MS, metrics });

  const cases = new MongoCaseStore(db.collection('cases'), db.collection('case_claims'), outbox, publisher);
  const catalogue = new InMemoryCatalogue(new MongoCatalogueStore(db.collection('offers'), db.collection('zoning_periods')));
  const events = new MongoEventLog(db.collection('stakeholder_events'));
  const subscriptions = new CachedSubscriptionStore(subscriptionStore);
  const deliveries = new MeasuredDeliveryStore(new MongoDeliveryStore(db.collection('deliveries'), db.collection('delivery_attempts'), db.collection('delivery_queue'), db.collection('delivery_claims'), {
      // Longer than an attempt can last, so that only a stopped instance's attempt is taken over.
      leaseMs: Math.max(30_000, 3 * config.WEBHOOK_TIMEOUT_MS),
    }), metrics);
  const deadLetters = new MeasuredDeadLetterStore(new MongoDeadLetterStore(db.collection('dead_letters')), metrics);
  const replays = new MongoReplayStore(db.collection('replays'), db.collection('replay_states'));
  const mailboxes = new MongoMailboxStore(db.collection('mailboxes'), db.collection('mailbox_claims'));
  const emailQueue = new MongoEmailQueue(db.collection('emails'), db.collection('email_claims'));
  await Promise.all([cases.ensureIndexes(), mailboxes.ensureIndexes(), emailQueue.ensureIndexes(), subscriptionStore.ensureIndexes()]);

  const guard = new UrlGuard({ allowLoopback: config.WEBHOOK_LOOPBACK_TEST_MODE, allowedCidrs: config.WEBHOOK_ALLOWED_CIDRS });
  const sender = new HttpWebhookSender(guard, config.WEBHOOK_TIMEOUT_MS);
  const partners = partnerClients(config, logger);
  await partners.refresh();
  const partnerLoop = new BackgroundLoop(
    'clients partenaires',
    async () => {
      await partners.refresh();
      return 0;
    },
    config.PARTNER_STATE_INTERVAL_MS,
    logger,
  );
  const mailer = new SmtpMailer(config.SMTP_URL, config.MAIL_FROM, config.MAIL_MESSAGE_ID_DOMAIN, metrics);
  const webhookLoop: BackgroundLoop = new BackgroundLoop('webhooks', () => scheduler.tick(), config.SCHEDULER_INTERVAL_MS, logger);
  const scheduler = new WebhookScheduler({
    deliveries,
    events,
    deadLetters,
    subscriptions,
    sender,
    partners,
    clock,
    signingClock: overrides.signingClock ?? systemClock,
    logger,
    disclosures: new OutboxDisclosureLog(outbox, publisher),
  });
  // Replays are rare: looked for at start (one interrupted by a stop) and when a partner asks.
  const replayLoop = new BackgroundLoop(
    'rejeux',
    async () => {
      await runPendingReplays({ replays, subscriptions, events, queue: scheduler, clock, random, logger });
      return 0;
    },
    60_000,
    logger,
  );
  const mailLoop = new BackgroundLoop('emails', () => sendDueEmails({ queue: emailQueue, mailer, clock, logger }), config.MAIL_POLL_INTERVAL_MS, logger);
  const retention = { partnerEventsDays: config.PARTNER_EVENTS_RETENTION_DAYS, deliveryLogDays: config.DELIVERY_LOG_RETENTION_DAYS };
  const purgeLoop = new BackgroundLoop('conservation', () => purgePartnerLogs({ events, deliveries, retention, clock, logger }), config.RETENTION_PURGE_INTERVAL_MS, logger);

  const dataKeys = openKeyVault(mongoHandle.client);
  const setup = { kafka, topics, groupPrefix: config.CONSUMER_GROUP_PREFIX, logger, sealed: sealedDataWithKeptKeys(dataKeys, intakeEventSealing) };
  const consumers: RunningConsumer[] = [
    await runCatalogueConsumer(setup, catalogue, `${config.INSTANCE_ID}-${Date.now()}`),
    await runProjectionConsumer(setup, { cases, catalogue, partnerOf: partnerOfFamily(config.PARTNER_FAMILIES) }),
    await runEmailConsumer(setup, { mailboxes, queue: emailQueue, clock, portalUrl: config.PORTAL_URL, onQueued: () => mailLoop.nudge() }),
    await runWebhookConsumer(setup, { events, subscriptions, deliveries, queue: scheduler, clock, random }),
  ];
  publisher.start();
  partnerLoop.start();
  webhookLoop.start();
  replayLoop.start();
  mailLoop.start();
  purgeLoop.start();

  const verifier = overrides.verifier ?? createTokenVerifier({ keycloakUrl: config.KEYCLOAK_URL, realm: config.KEYCLOAK_REALM, audience: config.TOKEN_AUDIENCE });
  const app = createHttpApp({
    logger,
    metrics,
    readiness: [
      { name: 'mongodb', check: () => mongoHandle.ping() },
      { name: 'kafka', check: () => kafka.ping() },
      { name: 'consumers', check: () => consumers.every((c) => c.isHealthy()) },
    ],
    routes: (router) => {
      personalDataRoutes({ verifier, partnerFamilies: config.PARTNER_FAMILIES, deps: { cases, disclosures: new OutboxDisclosureLog(outbox, publisher), clock } })(router);
      subscriptionRoutes({
        verifier,
        partnerFamilies: config.PARTNER_FAMILIES,
        deps: {
          subscriptions,
          deliveries,
          deadLetters,
          replays,
          targets: targetCheck(guard),
          clock,
          publishedTypes: new Set(Object.keys(eventCatalogue)),
          maxPerPartner: config.MAX_SUBSCRIPTIONS_PER_PARTNER,
          retention,
          onReplayRequested: () => replayLoop.nudge(),
        },
      })(router);
    },
  });
  const server = await startHttpServer(app, { settings: config, port: overrides.port ?? config.PORT, host: overrides.host ?? '0.0.0.0' });
  const { port } = server.address() as AddressInfo;
  const metricsListener = await serveMetrics(metrics, { port: config.METRICS_PORT, host: config.METRICS_HOST, logger });

  const closers: Closer[] = [
    metricsListener,
    ...consumers.map((consumer, index) => ({ name: `consommateur ${index + 1}`, close: () => consumer.stop() })),
    { name: 'boucle des rejeux', close: () => replayLoop.stop() },
    { name: 'purge des journaux partenaires', close: () => purgeLoop.stop() },
    { name: 'état des clients partenaires', close: () => partnerLoop.stop() },
    { name: 'boucle des webhooks', close: () => webhookLoop.stop() },
    { name: 'boucle des courriels', close: () => mailLoop.stop() },
    { name: 'boîte d’envoi', close: () => publisher.stop() },
    { name: 'producteur Kafka', close: () => producer.disconnect() },
    { name: 'client Kafka', close: () => kafka.close() },
    { name: 'envoi des webhooks', close: () => sender.close() },
    { name: 'relais SMTP', close: () => mailer.close() },
    { name: 'MongoDB', close: () => mongoHandle.close() },
  ];

  return {
    server,
    url: `http://127.0.0.1:${port}`,
    closers,
    scheduler,
    partners,
    nudge: () => {
      webhookLoop.nudge();
      mailLoop.nudge();
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      for (const closer of closers) await closer.close();
    },
  };
}

async function main(): Promise<void> {
  const config = loadNotificationsConfig();
  const telemetry = startTelemetry({
    serviceName: config.SERVICE_NAME,
    exporter: config.OTEL_EXPORTER_OTLP_ENDPOINT ? 'otlp' : 'none',
    ...(config.OTEL_EXPORTER_OTLP_ENDPOINT ? { otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT } : {}),
  });
  const logger = createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
  const running = await startNotifications(config, { logger });
  logger.info({ url: running.url }, 'service notifications démarré');
  runUntilSignal({ server: running.server, closers: [...running.closers, { name: 'télémétrie', close: () => telemetry.shutdown() }], logger });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch(exitOnStartFailure);
}
