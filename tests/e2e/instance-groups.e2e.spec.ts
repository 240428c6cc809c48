import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { kafkaConnectionOptions } from '@guichet/platform';
import kafkajs from 'kafkajs';
import { eventually } from './support/partners.js';
import { startService, type RunningService, type ServiceName } from './support/services.js';

const { Kafka, logLevel } = kafkajs;

/**
 * Each instance of matching and notifications reads its read models (offers, aid schemes and
 * zoning; the catalogue) in consumer groups of its own. Started and stopped again and again, or
 * killed, an instance must not leave its groups on the broker: the broker's list of groups, read
 * as its administrator, does not grow.
 */

jest.setTimeout(600_000);

const run = randomUUID().slice(0, 8);
const prefix = `groups-${run}.`;
const groupPrefix = (service: ServiceName) => `groups-${run}-${service}`;

const kafka = new Kafka({ ...kafkaConnectionOptions(), clientId: 'instance-groups-check', brokers: (process.env.KAFKA_BROKERS ?? '').split(','), logLevel: logLevel.NOTHING });
const admin = kafka.admin();

/** The run's groups of one service on the broker. */
async function groupsOf(service: ServiceName): Promise<string[]> {
  const { groups } = await admin.listGroups();
  return groups.map((group) => group.groupId).filter((id) => id.startsWith(`${groupPrefix(service)}-`)).sort();
}

function start(service: ServiceName, instance: number): Promise<RunningService> {
  const env: Record<string, string> = {
    TOPIC_PREFIX: prefix,
    MONGODB_DB: `groups_${run}_${service}`,
    CONSUMER_GROUP_PREFIX: groupPrefix(service),
    INSTANCE_ID: `${service}-${instance}`,
    ...(service === 'notifications' ? { WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64') } : {}),
  };
  // Direct: a SIGKILL reaches the service itself.
  return startService(service, env, 180_000, { logName: `groups-${run}-${service}-${instance}.log`, direct: true });
}

const running: RunningService[] = [];

beforeAll(async () => {
  await admin.connect();
  // A first instance of each, started side by side, creates the run's topics and the groups all instances share; they run throughout.
  running.push(...(await Promise.all([start('matching', 0), start('notifications', 0)])));
}, 300_000);

afterAll(async () => {
  await Promise.all(running.map((service) => service.stop()));
  await admin.disconnect();
});

describe('consumer groups of instances', () => {
  it.each<ServiceName>(['matching', 'notifications'])('%s started and stopped leaves no group of its read models', async (service) => {
    const before = await groupsOf(service);
    const started = await start(service, 1);
    running.push(started);
    expect((await groupsOf(service)).filter((id) => id.includes(`-${service}-1-`)).length).toBeGreaterThan(0);
    await started.stop();
    // The groups the instances share (with their offsets) stay; nothing else is added by a start.
    expect(await groupsOf(service)).toEqual(before);
  });

  it('deletes at the next start the read-model groups a killed matching left', async () => {
    const killed = await start('matching', 3);
    const left = (await groupsOf('matching')).filter((id) => id.includes('-matching-3-'));
    expect(left.length).toBe(2);
    await killed.stop('SIGKILL');
    // Its members stay until their session times out; then the groups are empty, as a later start finds them.
    await eventually('the killed instance out of its groups', async () => {
      const { groups } = await admin.describeGroups(left);
      return groups.every((group) => group.members.length === 0) ? true : undefined;
    }, 120_000);
    const next = await start('matching', 4);
    running.push(next);
    const now = await groupsOf('matching');
    expect(now.filter((id) => left.includes(id))).toEqual([]);
    expect(now.filter((id) => id.includes('-matching-4-')).length).toBe(2);
    await next.stop();
  });
});
