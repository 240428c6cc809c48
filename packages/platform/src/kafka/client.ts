import { Kafka, logLevel, type Admin, type LogEntry } from 'kafkajs';
import type { Logger } from '../logger/create-logger.js';
import { kafkaConnectionOptions } from './sasl.js';

export interface KafkaOptions {
  brokers: readonly string[];
  clientId: string;
  logger?: Logger;
  /** Where the SASL settings are read from (KAFKA_SASL_MECHANISM…, see sasl.ts); the process's by default. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface TopicSpec {
  topic: string;
  partitions?: number;
  replicationFactor?: number;
  /** Broker-side settings, e.g. `{ 'cleanup.policy': 'compact' }`. */
  config?: Readonly<Record<string, string>>;
}

/** The application's handle on Kafka; kafkajs stays behind it so the client library can be swapped. */
export interface KafkaClient {
  readonly clientId: string;
  /** Creates missing topics; existing ones are left as they are. */
  ensureTopics(topics: readonly TopicSpec[]): Promise<void>;
  /** True when the cluster answers a metadata request (readiness). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const clients = new WeakMap<KafkaClient, Kafka>();

/** Internal: the producer and consumer modules reach the underlying client through this. */
export function kafkajsOf(client: KafkaClient): Kafka {
  const kafka = clients.get(client);
  if (!kafka) throw new Error('KafkaClient inconnu : créez-le avec createKafka()');
  return kafka;
}

function logCreator(logger: Logger | undefined) {
  return () =>
    ({ level, log }: LogEntry): void => {
      if (!logger) return;
      const { message, ...extra } = log;
      const fields = { kafka: extra };
      if (level === logLevel.ERROR) logger.error(fields, message);
      else if (level === logLevel.WARN) logger.warn(fields, message);
      else logger.debug(fields, message);
    };
}

export function createKafka({ brokers, clientId, logger, env = process.env }: KafkaOptions): KafkaClient {
  const kafka = new Kafka({
    clientId,
    brokers: [...brokers],
    ...kafkaConnectionOptions(env),
    logLevel: logLevel.WARN,
    logCreator: logCreator(logger),
    connectionTimeout: 3000,
  });
  let admin: { client: Admin; connected: Promise<Admin> } | undefined;
  const connectedAdmin = (): Promise<Admin> => {
    if (!admin) {
      const created = kafka.admin();
      const connected = created.connect().then(() => created);
      connected.catch(() => {
        if (admin?.client === created) admin = undefined;
      });
      admin = { client: created, connected };
    }
    return admin.connected;
  };

  const client: KafkaClient = {
    clientId,
    async ensureTopics(topics) {
      await (await connectedAdmin()).createTopics({
        waitForLeaders: true,
        topics: topics.map((t) => ({
          topic: t.topic,
          numPartitions: t.partitions ?? 3,
          replicationFactor: t.replicationFactor ?? 1,
          configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    },
    async ping() {
      try {
        const cluster = await (await connectedAdmin()).describeCluster();
        return cluster.brokers.length > 0;
      } catch {
        return false;
      }
    },
    async close() {
      const current = admin;
      admin = undefined;
      // Disconnecting the client itself also ends a connection attempt still retrying.
      await current?.client.disconnect();
    },
  };
  clients.set(client, kafka);
  return client;
}
