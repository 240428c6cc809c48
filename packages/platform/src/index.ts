export { loadConfig, ConfigError, commonEnv, type CommonConfig } from './config/load-config.js';
export { isProduction, productionRefusals, refuseDemoDefaults, ProductionRefused, MODE_VARIABLE, type Refusal } from './config/production-mode.js';
export { exitOnStartFailure } from './config/exit-on-start-failure.js';

export { fail, ok, valueOrThrow, type Result } from './result.js';
export { systemClock, type Clock } from './clock.js';

export { createLogger, type Logger, type LoggerOptions } from './logger/create-logger.js';
export { redactPersonalData, isPersonalField, PERSONAL_FIELDS, REDACTED } from './logger/redact.js';

export { createHttpApp, type HttpAppOptions } from './http/create-http-app.js';
export { startHttpServer, type HttpServerOptions } from './http/start-http-server.js';
export { trustProxySetting, type HttpSettings } from './http/http-settings.js';
export { asyncHandler } from './http/async-handler.js';
export {
  idempotent,
  IDEMPOTENT_REPLAYED_HEADER,
  type IdempotencyStore,
  type IdempotencyClaim,
  type IdempotentReply,
  type StoredReply,
} from './http/idempotent.js';
export { checkReadiness, type ReadinessCheck, type ReadinessReport, type CheckState } from './http/health.js';
export { toProblem, sendProblem } from './http/error-handler.js';
export { PreconditionRequiredProblem, etagOf, ifMatchVersion, staleVersionProblem } from './http/preconditions.js';
export { route, sendReply, type Reply } from './http/reply.js';
export { REQUEST_ID_HEADER } from './http/request-context.js';
export { runUntilSignal, type Closer, type RunUntilSignalOptions, type ShutdownHandle } from './http/run-until-signal.js';
export {
  HttpProblem,
  ValidationProblem,
  MalformedJsonProblem,
  UnauthorizedProblem,
  ForbiddenProblem,
  NotFoundProblem,
  ConflictProblem,
  PreconditionFailedProblem,
  PayloadTooLargeProblem,
  UnsupportedMediaTypeProblem,
  UnprocessableProblem,
  ServiceUnavailableProblem,
  InternalProblem,
  PROBLEM_BASE_URI,
  PROBLEM_CONTENT_TYPE,
  type FieldError,
  type ProblemDocument,
  type ProblemOptions,
} from './http/problems.js';

export { ROLES, isRole, type Role, type Territory, type Principal } from './auth/principal.js';
export {
  createTokenVerifier,
  createVerifierWithKeys,
  principalFromClaims,
  TokenRejected,
  type TokenVerifier,
  type TokenVerifierOptions,
  type VerificationFailure,
} from './auth/token-verifier.js';
export { authenticate, requireRole } from './auth/middleware.js';

export { createKafka, type KafkaClient, type KafkaOptions, type TopicSpec, type ConsumerLag } from './kafka/client.js';
export { kafkaAuthenticationFromEnv, kafkaConnectionOptions, saslOptions, clientCredentialsTokens, KAFKA_SASL_MECHANISMS, type KafkaAuthentication } from './kafka/sasl.js';
export { createProducer, type EventProducer, type TopicEvents } from './kafka/producer.js';
export { runConsumer, inEventContext, type ConsumerOptions, type RunningConsumer, type EventValidation } from './kafka/consumer.js';
export { dlqTopicOf, deadLetterRecord, UnprocessableEvent } from './kafka/dead-letter.js';
export {
  encodeBinary,
  decodeBinary,
  SPEC_VERSION,
  type OutboundEvent,
  type InboundEvent,
  type RawRecord,
  type RecordSource,
  type DecodeResult,
} from './kafka/cloudevents.js';
export type { BackoffOptions } from './kafka/backoff.js';

export { connectMongo, type MongoHandle, type MongoOptions } from './mongo/connect-mongo.js';
export { retryBusyWrites, retryWhenBusy } from './mongo/write-safeguards.js';
export { DUPLICATE_KEY, isDuplicateKey, insertOnce } from './mongo/duplicate-key.js';
export { ClaimedRevisions, claimedDocument, claimedEvents, claimKey, type ClaimedRevisionsOptions, type ClaimOutcome, type Revised, type RevisionClaim } from './mongo/claimed-revisions.js';
export { GroupCommit, type GroupCommitOptions, type InsertManyTarget, type InsertOutcome } from './mongo/group-commit.js';
export { packJson, unpackJson } from './mongo/packed-json.js';
export { MongoDataKeyVault, openKeyVault, DATA_KEYS_COLLECTION, DEFAULT_KEY_VAULT_DB, type DataKeyVault, type DataKeyDocument } from './data-keys/key-vault.js';
export { openingSealedEvents, type SealedData } from './data-keys/opening-consumer.js';
export { OpenedKeys, type OpenedKeysOptions } from './data-keys/opened-keys.js';
export { sealedDataWithKeptKeys, type EventSealing } from './data-keys/kept-keys-sealed-data.js';
export { GroupWhileBusy, fulfilled, failed, type GroupWhileBusyOptions, type Settlement } from './batching/group-while-busy.js';
export { publishByTopic, sendsUnderLimit, SEND_BYTES } from './kafka/publish-by-topic.js';

export { Outbox, outboxEntries, OUTBOX_FIELD, type OutboxEntry, type OutboxOptions, type PendingWrite } from './outbox/outbox.js';
export { OutboxPublisher, type OutboxPublisherOptions } from './outbox/outbox-publisher.js';

export { applyOnce, PROCESSED_FIELD, PROCESSED_WINDOW, type ApplyOutcome, type ApplyOnceOptions } from './idempotency/apply-once.js';

export { startTelemetry, InMemorySpanExporter, type Telemetry, type TelemetryOptions, type ReadableSpan } from './telemetry/start-telemetry.js';
export { captureTraceContext, contextFromCarrier, type TraceCarrier } from './telemetry/trace-context.js';
export { traceOutgoingCall, type OutgoingCall } from './telemetry/outgoing-call.js';

export { ServiceMetrics, within, type Counter, type Gauge, type Histogram } from './metrics/service-metrics.js';
export { serveMetrics, type MetricsListener, type MetricsListenerOptions } from './metrics/metrics-server.js';
export { measureRequests, UNMATCHED_ROUTE } from './metrics/http-metrics.js';
export { measureConsumerLag } from './metrics/consumer-lag.js';
