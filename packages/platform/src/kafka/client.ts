import { Kafka, logLevel, type Admin, type KafkaJSDeleteGroupsError, type LogEntry } from 'kafkajs';
import type { Logger } from '../logger/create-logger.js';
import { armPendingCheckOnlyWhenWaiting } from './request-queue.js';
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
  /** How far each consumer group run on this client is behind the end of each partition it reads. */
  consumerLag(): Promise<ConsumerLag[]>;
  /**
   * Deletes the consumer groups `select` picks that have no member; those with members are left
   * as they are (`busy`). For groups of one process, once it has stopped.
   */
  deleteGroupsWithoutMembers(select: (groupId: string) => boolean): Promise<{ deleted: string[]; busy: string[] }>;
  close(): Promise<void>;
}

export interface ConsumerLag {
  group: string;
  topic: string;
  partition: number;
  /** Messages after the group's committed offset; from the start of the log when it committed none. */
  lag: number;
}

/** A consumer group of this client: its topics, and whether it reads them from their start when it has no offset. */
interface Group {
  topics: readonly string[];
  fromBeginning: boolean;
}

const groupsOf = new WeakMap<KafkaClient, Map<string, Group>>();

/** Internal: runConsumer declares its group, so that its lag is measured; the returned function withdraws it. */
export function trackGroup(client: KafkaClient, groupId: string, group: Group): () => void {
  const groups = groupsOf.get(client);
  groups?.set(groupId, group);
  return () => {
    if (groups?.get(groupId) === group) groups.delete(groupId);
  };
}

const clients = new WeakMap<KafkaClient, Kafka>();

// kafkajs' error classes are not among the named exports Node finds in its CommonJS entry.
const isDeleteGroupsError = (error: unknown): error is KafkaJSDeleteGroupsError =>
  error instanceof Error && error.name === 'KafkaJSDeleteGroupsError' && Array.isArray((error as { groups?: unknown }).groups);

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
  armPendingCheckOnlyWhenWaiting();
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

  const groups = new Map<string, Group>();

  const client: KafkaClient = {
    clientId,
    async ensureTopics(topics) {
      const connected = await connectedAdmin();
      const created = await connected.createTopics({
        waitForLeaders: false,
        topics: topics.map((t) => ({
          topic: t.topic,
          numPartitions: t.partitions ?? 3,
          replicationFactor: t.replicationFactor ?? 1,
          configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
      // Nothing created: the topics were there (a service's own principal may not even describe them all).
      if (!created) return;
      // Waits for the leaders here rather than with kafkajs' waitForLeaders, which gives up when a
      // KRaft broker, for a moment after creating a topic, says it does not host it.
      const names = topics.map((t) => t.topic);
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          const { topics: found } = await connected.fetchTopicMetadata({ topics: names });
          if (found.every((topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0))) return;
        } catch (error) {
          const type = (error as { type?: string }).type;
          if ((type !== 'UNKNOWN_TOPIC_OR_PARTITION' && type !== 'LEADER_NOT_AVAILABLE') || Date.now() > deadline) throw error;
        }
        if (Date.now() > deadline) throw new Error(`topics without a leader after 30 s: ${names.join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async ping() {
      try {
        const cluster = await (await connectedAdmin()).describeCluster();
        return cluster.brokers.length > 0;
      } catch {
        return false;
      }
    },
    async consumerLag() {
      if (groups.size === 0) return [];
      const connected = await connectedAdmin();
      const topicNames = [...new Set([...groups.values()].flatMap((group) => group.topics))];
      const ends = new Map(
        await Promise.all(topicNames.map(async (topic) => [topic, await connected.fetchTopicOffsets(topic)] as const)),
      );
      const rows: ConsumerLag[] = [];
      for (const [groupId, group] of groups) {
        for (const { topic, partitions } of await connected.fetchOffsets({ groupId, topics: [...group.topics] })) {
          for (const { partition, offset } of partitions) {
            const end = ends.get(topic)?.find((p) => p.partition === partition);
            if (end === undefined) continue;
            const committed = Number(offset);
            // A group that starts at the end of its topics has no backlog before its first commit.
            if (committed < 0 && !group.fromBeginning) continue;
            const lag = Number(end.high) - (committed < 0 ? Number(end.low) : committed);
            rows.push({ group: groupId, topic, partition, lag: Math.max(0, lag) });
          }
        }
      }
      return rows;
    },
    async deleteGroupsWithoutMembers(select) {
      const connected = await connectedAdmin();
      const picked = (await connected.listGroups()).groups.map((group) => group.groupId).filter(select);
      if (picked.length === 0) return { deleted: [], busy: [] };
      const { groups: described } = await connected.describeGroups(picked);
      const isIdle = (group: (typeof described)[number]) => group.members.length === 0 && (group.state === 'Empty' || group.state === 'Dead');
      const idle = described.filter(isIdle).map((group) => group.groupId);
      const busy = described.filter((group) => !isIdle(group)).map((group) => group.groupId);
      if (idle.length === 0) return { deleted: [], busy };
      try {
        await connected.deleteGroups(idle);
        return { deleted: idle, busy };
      } catch (error) {
        if (!isDeleteGroupsError(error)) throw error;
        // A group joined since it was described is refused (non-empty): the others are deleted.
        const refused = new Set(error.groups.map((group) => group.groupId));
        return { deleted: idle.filter((groupId) => !refused.has(groupId)), busy: [...busy, ...refused] };
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
  groupsOf.set(client, groups);
  return client;
}
