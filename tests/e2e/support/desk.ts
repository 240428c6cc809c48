import { randomBytes } from 'node:crypto';
import { topics } from '@guichet/contracts';
import { kafkaConnectionOptions } from '@guichet/platform';
import { Kafka, logLevel } from 'kafkajs';
import { startService, type RunningService, type ServiceName } from './services.js';

export interface DeskOptions {
  /** What the run is (journey, erasure...): it names the run's databases, consumer groups and logs. */
  readonly name: string;
  readonly run: string;
  /** The prefix of every topic of the run. */
  readonly prefix: string;
  /** Settings every service of the run gets (a collector, a key vault...). */
  readonly common?: Readonly<Record<string, string>>;
  /** Settings of one service only (notifications' SMTP server and portal address, say). */
  readonly intake?: Readonly<Record<string, string>>;
  readonly notifications?: Readonly<Record<string, string>>;
}

export interface Desk {
  readonly intake: RunningService;
  readonly matching: RunningService;
  readonly notifications: RunningService;
  /** The database of one service of the run. */
  database(service: ServiceName): string;
  /** The consumer group (or groups' prefix) of one service of the run. */
  group(service: ServiceName): string;
  /** The log file of one service of the run, under test-artifacts/e2e/. */
  logName(service: ServiceName): string;
  stop(): Promise<void>;
}

/**
 * The three services of the desk on databases, consumer groups and topics of their own: another
 * instance of a service (a developer's `npm start`, another test) must neither share this run's
 * state nor feed it its history. Notifications delivers webhooks to loopback receivers.
 */
export async function startDesk(options: DeskOptions): Promise<Desk> {
  const { name, run, prefix } = options;
  const database = (service: ServiceName) => `${name}_${run}_${service}`;
  const group = (service: ServiceName) => `${name}-${run}-${service}`;
  const logName = (service: ServiceName) => `${name}-${run}-${service}.log`;
  const common = { LOG_LEVEL: 'info', TOPIC_PREFIX: prefix, ...options.common };
  // Matching creates the run's topics before the others subscribe to them.
  const matching = await startService('matching', { ...common, MONGODB_DB: database('matching'), CONSUMER_GROUP_PREFIX: group('matching') }, undefined, { logName: logName('matching') });
  const started = await Promise.allSettled([
    startService('intake', {
      ...common,
      MONGODB_DB: database('intake'),
      CONSUMER_GROUP: group('intake'),
      INTAKE_TOPIC: `${prefix}${topics.intakeRequests}`,
      MATCHING_TOPIC: `${prefix}${topics.matchingProposals}`,
      ...options.intake,
    }, undefined, { logName: logName('intake') }),
    startService('notifications', {
      ...common,
      MONGODB_DB: database('notifications'),
      CONSUMER_GROUP_PREFIX: group('notifications'),
      WEBHOOK_LOOPBACK_TEST_MODE: 'true',
      WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64'),
      ...options.notifications,
    }, undefined, { logName: logName('notifications') }),
  ]);
  const [intake, notifications] = started.map((result) => (result.status === 'fulfilled' ? result.value : undefined));
  if (intake === undefined || notifications === undefined) {
    await Promise.all([matching.stop(), intake?.stop(), notifications?.stop()]);
    throw started.find((result): result is PromiseRejectedResult => result.status === 'rejected')?.reason;
  }
  return {
    intake,
    matching,
    notifications,
    database,
    group,
    logName,
    stop: async () => {
      await Promise.all([intake.stop(), matching.stop(), notifications.stop()]);
      await deleteRunTopics(prefix);
    },
  };
}

/**
 * A broker that keeps every run's topics loads them all at each start: the shared local one reached
 * sixteen thousand partitions and stopped on an exhausted heap. The run's topics go with the run.
 */
async function deleteRunTopics(prefix: string): Promise<void> {
  const admin = new Kafka({ ...kafkaConnectionOptions(), clientId: 'e2e-desk-cleanup', brokers: (process.env.KAFKA_BROKERS ?? '').split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const runTopics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (runTopics.length > 0) await admin.deleteTopics({ topics: runTopics });
  } finally {
    await admin.disconnect();
  }
}
