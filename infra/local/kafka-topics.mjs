import { readFileSync } from 'node:fs';
import path from 'node:path';
import { infraDir } from './lib/paths.mjs';
import { StackError } from './lib/stack-error.mjs';

export const topicsFile = path.join(infraDir, 'kafka', 'topics.json');

const declaration = () => JSON.parse(readFileSync(topicsFile, 'utf8'));

export function declaredTopics() {
  return declaration().topics;
}

/** Who may do what on the broker: the `access` principals of topics.json. */
export function declaredPrincipals() {
  return declaration().access.principals;
}

const SASL_MECHANISMS = { 'SCRAM-SHA-512': 'scram-sha-512', 'SCRAM-SHA-256': 'scram-sha-256', PLAIN: 'plain' };

/**
 * The admin client's SASL settings from KAFKA_SASL_MECHANISM / _USERNAME / _PASSWORD (a broker
 * given by KAFKA_BROKERS), or undefined when none is set (a broker without SASL).
 */
export function saslFromEnvironment(env) {
  const mechanism = env.KAFKA_SASL_MECHANISM;
  if (!mechanism) return undefined;
  if (!SASL_MECHANISMS[mechanism]) throw new StackError(`kafka: KAFKA_SASL_MECHANISM=${mechanism} cannot run the topic step (one of ${Object.keys(SASL_MECHANISMS).join(', ')})`);
  return { mechanism, username: env.KAFKA_SASL_USERNAME ?? '', password: env.KAFKA_SASL_PASSWORD ?? '' };
}

/** The codes a realm placeholder holds: `37`, `37,41`, or the `37", "41` a multivalued claim mapper takes. */
const codesOf = (value) => value.split(/[",\s]+/).filter((code) => code.length > 0);

/**
 * The territorial topics a partner reads: one per région or département of its territory, the
 * placeholder Keycloak also resolves into the partner's token, here from `environment`. A missing
 * value or a territory without a declared stream stops the step rather than grant something else.
 */
export function streamTopicsOf({ principal, streams }, environment, topicNames = new Set(declaredTopics().map((topic) => topic.name))) {
  if (!streams) return [];
  const [level, placeholder] = streams.regions ? ['region', streams.regions] : ['departement', streams.departements];
  const name = /^\$\{([A-Z][A-Z0-9_]*)\}$/.exec(placeholder ?? '')?.[1];
  const value = name ? environment[name] : placeholder;
  if (!value) throw new StackError(`kafka: ${principal} reads the streams of its territory, but ${name ?? 'its territory'} is not set`);
  return codesOf(value).map((code) => {
    const topic = `stakeholder.${streams.family}.${level}-${code}.v1`;
    if (!topicNames.has(topic)) throw new StackError(`kafka: ${principal} has territory ${code}, which has no stream in topics.json (${topic})`);
    return topic;
  });
}

/**
 * The ACL entries topics.json declares, one per (principal, resource, operation). Consumers read
 * the topic and groups under their prefix; services also write the dead letters of what they
 * consume, may create (ensure at start) the topics they use, which for an existing topic grants
 * nothing more, and may delete groups under their prefix (their instances' read models).
 */
export function declaredAcls(environment, principals = declaredPrincipals()) {
  const entries = [];
  const add = (principal, resourceType, resourceName, patternType, operation) =>
    entries.push({ principal: `User:${principal}`, resourceType, resourceName, patternType, operation });
  for (const entry of principals) {
    const { principal, kind, groupPrefix, produces } = entry;
    const service = kind === 'service';
    const consumes = [...entry.consumes, ...streamTopicsOf(entry, environment)];
    for (const topic of produces) add(principal, 'TOPIC', topic, 'LITERAL', 'WRITE');
    for (const topic of consumes) add(principal, 'TOPIC', topic, 'LITERAL', 'READ');
    if (service) {
      for (const topic of consumes) add(principal, 'TOPIC', `${topic}.dlq`, 'LITERAL', 'WRITE');
      const used = [...new Set([...produces, ...consumes])];
      for (const topic of [...used, ...used.map((name) => `${name}.dlq`)]) add(principal, 'TOPIC', topic, 'LITERAL', 'CREATE');
    }
    if (consumes.length > 0) add(principal, 'GROUP', groupPrefix, 'PREFIXED', 'READ');
    // A service deletes the groups of its own instances' read models once they stop.
    if (service && consumes.length > 0) add(principal, 'GROUP', groupPrefix, 'PREFIXED', 'DELETE');
  }
  return entries;
}

const aclKey = (acl) => [acl.principal, acl.resourceType, acl.resourceName, acl.patternType, acl.operation].join('|');

async function loadKafkajs() {
  let kafkajs;
  try {
    // kafkajs is CommonJS and Node's named-export detection misses part of it: use the default export.
    kafkajs = (await import('kafkajs')).default;
  } catch {
    throw new StackError('kafka: the npm package kafkajs is not installed (run `npm ci`), topics not created');
  }
  // The same fix of kafkajs' request queue as the services' clients (no timer re-armed every millisecond).
  // A plain import: Node 24 strips the types itself, and jest (whose module loader refuses tsx's hooks) transforms it.
  const { armPendingCheckOnlyWhenWaiting } = await import('../../packages/platform/src/kafka/request-queue.ts');
  armPendingCheckOnlyWhenWaiting();
  return kafkajs;
}

/**
 * Makes the broker match infra/kafka/topics.json: creates missing topics, grows partitions,
 * sets the listed configs, and with `sasl` the ACLs (partner territories read from `environment`:
 * the values the realm's placeholders get). Running it twice changes nothing.
 */
/** TLS to the broker when KAFKA_SSL=true (compose: SASL_SSL), checked against KAFKA_SSL_CA_FILE when given. */
export function sslFromEnvironment(env) {
  if (env.KAFKA_SSL !== 'true') return undefined;
  return { rejectUnauthorized: true, ...(env.KAFKA_SSL_CA_FILE ? { ca: [readFileSync(env.KAFKA_SSL_CA_FILE, 'utf8')] } : {}) };
}

export async function ensureTopics(brokers, { clientId = 'guichet-stack', sasl, ssl, environment = process.env, pruneAcls = true } = {}) {
  const kafkajs = await loadKafkajs();
  const { Kafka, logLevel, ConfigResourceTypes } = kafkajs;
  const topics = declaredTopics();
  const kafka = new Kafka({
    clientId,
    brokers: brokers.split(',').map((broker) => broker.trim()),
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 300 },
    ...(sasl ? { sasl: { mechanism: SASL_MECHANISMS[sasl.mechanism], username: sasl.username, password: sasl.password } } : {}),
    ...(ssl ? { ssl } : {}),
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic: topic.name,
          numPartitions: topic.partitions,
          configEntries: Object.entries(topic.config ?? {}).map(([name, value]) => ({ name, value: String(value) })),
        })),
      });
    }
    const acls = sasl ? await ensureAcls(admin, kafkajs, environment, pruneAcls) : 0;
    const present = topics.filter((topic) => existing.has(topic.name));
    if (present.length === 0) return { created: missing.map((topic) => topic.name), updated: [], acls };

    const updated = new Set();
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics: present.map((topic) => topic.name) });
    const grow = present.filter((topic) => {
      const current = metadata.find((entry) => entry.name === topic.name)?.partitions.length ?? 0;
      return current < topic.partitions;
    });
    if (grow.length > 0) {
      await admin.createPartitions({ topicPartitions: grow.map((topic) => ({ topic: topic.name, count: topic.partitions })) });
      grow.forEach((topic) => updated.add(topic.name));
    }

    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: present.map((topic) => ({ type: ConfigResourceTypes.TOPIC, name: topic.name })),
    });
    const drifted = present.filter((topic) => {
      const resource = described.resources.find((entry) => entry.resourceName === topic.name);
      return Object.entries(topic.config ?? {}).some(([name, value]) => {
        const entry = resource?.configEntries.find((config) => config.configName === name);
        return entry?.configValue !== String(value);
      });
    });
    if (drifted.length > 0) {
      await admin.alterConfigs({
        validateOnly: false,
        resources: drifted.map((topic) => ({
          type: ConfigResourceTypes.TOPIC,
          name: topic.name,
          configEntries: Object.entries(topic.config ?? {}).map(([name, value]) => ({ name, value: String(value) })),
        })),
      });
      drifted.forEach((topic) => updated.add(topic.name));
    }
    return { created: missing.map((topic) => topic.name), updated: [...updated], acls };
  } catch (error) {
    if (error instanceof StackError) throw error;
    throw new StackError(`kafka: topics from ${path.relative(process.cwd(), topicsFile)} not applied: ${error.message}`);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/**
 * What the ACL step changes, given the ACLs present for the declared principals (`existing`, with
 * host and permission type) and the declared ones: the declared ones missing, and with `prune` the
 * present ones topics.json no longer declares (or not a plain allow from any host).
 */
export function aclChanges(existing, declared, { prune, allow }) {
  const wanted = new Set(declared.map(aclKey));
  const plain = (acl) => acl.host === '*' && acl.permissionType === allow;
  const present = new Set(existing.filter(plain).map(aclKey));
  return {
    stale: prune ? existing.filter((acl) => !wanted.has(aclKey(acl)) || !plain(acl)) : [],
    missing: declared.filter((acl) => !present.has(aclKey(acl))),
  };
}

/**
 * Makes the ACLs of the declared principals what topics.json says: missing ones created and, with
 * `prune`, ones no longer declared deleted (a narrowed access takes effect). Other principals'
 * ACLs are left alone. Returns how many were created.
 */
async function ensureAcls(admin, { AclResourceTypes, AclOperationTypes, AclPermissionTypes, ResourcePatternTypes }, environment, prune) {
  const declared = declaredAcls(environment);
  const principals = new Set(declaredPrincipals().map(({ principal }) => `User:${principal}`));
  const { resources } = await admin.describeAcls({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  });
  const name = (table, value) => Object.keys(table).find((key) => table[key] === value);
  const existing = resources.flatMap((resource) =>
    resource.acls
      .filter((acl) => principals.has(acl.principal))
      .map((acl) => ({
        principal: acl.principal,
        host: acl.host,
        permissionType: acl.permissionType,
        resourceType: name(AclResourceTypes, resource.resourceType),
        resourceName: resource.resourceName,
        patternType: name(ResourcePatternTypes, resource.resourcePatternType),
        operation: name(AclOperationTypes, acl.operation),
      })),
  );
  const toEntry = (acl) => ({
    resourceType: AclResourceTypes[acl.resourceType],
    resourceName: acl.resourceName,
    resourcePatternType: ResourcePatternTypes[acl.patternType],
    principal: acl.principal,
    host: acl.host ?? '*',
    operation: AclOperationTypes[acl.operation],
    permissionType: acl.permissionType ?? AclPermissionTypes.ALLOW,
  });
  const { stale, missing } = aclChanges(existing, declared, { prune, allow: AclPermissionTypes.ALLOW });
  if (stale.length > 0) await admin.deleteAcls({ filters: stale.map(toEntry) });
  if (missing.length > 0) await admin.createAcls({ acl: missing.map(toEntry) });
  return missing.length;
}
