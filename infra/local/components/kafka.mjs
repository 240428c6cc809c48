import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runLogged } from '../lib/commands.mjs';
import { javaCommand, requireJava } from '../lib/java.mjs';
import { mavenCopyDependencies } from '../lib/maven.mjs';
import { cacheDir, componentRunDir, localDir } from '../lib/paths.mjs';
import { hostPort } from '../lib/ports.mjs';
import { fetchJson, kafkaAnswers } from '../lib/probes.mjs';
import { StackError } from '../lib/stack-error.mjs';
import { ensureTopics, saslFromEnvironment } from '../kafka-topics.mjs';
import { demoEnvironment } from '../../keycloak/demo-realm.mjs';

const version = '3.9.1';
// What the jars folder holds: the broker, and Kafka's own console tools for the security tests.
const libsContent = `${version}+tools`;
// How the data folder was formatted: with the admin's SCRAM credential (security v1). A folder
// formatted before it (no credential) is formatted again, since SCRAM users are added at format.
const storageFormat = 'scram-admin-v1';
const adminUser = 'admin';
const keycloakRealmUrl = () => `${(process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:18080').replace(/\/+$/, '')}/realms/guichet`;
const brokerPort = 19092;
const controllerPort = 19093;
const libsDir = path.join(cacheDir, 'kafka', 'libs');
const completeMarker = path.join(libsDir, '.complete');
const runDir = componentRunDir('kafka');
const dataDir = path.join(runDir, 'data');
const clusterIdFile = path.join(runDir, 'cluster.id');
const propertiesFile = path.join(runDir, 'server.properties');
const adminPasswordFile = path.join(runDir, 'admin.password');

function classpath() {
  return `${libsDir}${path.sep}*`;
}

const sharedLayout = { runDir, dataDir, clusterIdFile, propertiesFile, adminPasswordFile, brokerPort, controllerPort };

/**
 * Where a broker keeps its files and which ports it takes, for an instance of its own (fault
 * tests). `adminPassword` gives it the admin password its clients already hold (the shared
 * broker's, from KAFKA_SASL_PASSWORD); without it one is drawn.
 */
export function kafkaLayout({ runDir: dir, brokerPort: broker, controllerPort: controller, adminPassword }) {
  if (adminPassword) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'admin.password'), `${adminPassword}\n`, { mode: 0o600 });
  }
  return {
    runDir: dir,
    dataDir: path.join(dir, 'data'),
    clusterIdFile: path.join(dir, 'cluster.id'),
    propertiesFile: path.join(dir, 'server.properties'),
    adminPasswordFile: path.join(dir, 'admin.password'),
    brokerPort: broker,
    controllerPort: controller,
  };
}

/**
 * The broker's admin principal (SCRAM-SHA-512, super user): a password drawn once per broker and
 * kept beside its data, readable by this user only. Clients of the stack and the tests use it.
 */
export function kafkaAdminCredentials(layout = sharedLayout) {
  if (!existsSync(layout.adminPasswordFile)) {
    mkdirSync(layout.runDir, { recursive: true });
    writeFileSync(layout.adminPasswordFile, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  }
  return { mechanism: 'SCRAM-SHA-512', username: adminUser, password: readFileSync(layout.adminPasswordFile, 'utf8').trim() };
}

/** The client settings of the admin principal, as the platform and the tests read them. */
export function kafkaAdminEnvironment(layout = sharedLayout) {
  const { mechanism, username, password } = kafkaAdminCredentials(layout);
  return { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password };
}

function renderedProperties(layout) {
  const template = readFileSync(path.join(localDir, 'kafka', 'server.properties'), 'utf8');
  const values = {
    BROKER_PORT: layout.brokerPort,
    CONTROLLER_PORT: layout.controllerPort,
    DATA_DIR: layout.dataDir,
    ADMIN_USER: adminUser,
    ADMIN_PASSWORD: kafkaAdminCredentials(layout).password,
    KEYCLOAK_REALM_URL: keycloakRealmUrl(),
  };
  return template.replace(/\$\{(\w+)\}/g, (_, key) => String(values[key]));
}

function renderProperties(layout) {
  writeFileSync(layout.propertiesFile, renderedProperties(layout), { mode: 0o600 });
}

const storageFormatFile = (layout) => path.join(layout.runDir, 'storage.format');

function clusterId(layout) {
  if (!existsSync(layout.clusterIdFile)) {
    mkdirSync(layout.runDir, { recursive: true });
    // Kafka cluster ids are 16 random bytes in URL-safe base64, as `kafka-storage random-uuid` prints.
    writeFileSync(layout.clusterIdFile, `${randomBytes(16).toString('base64url')}\n`);
  }
  return readFileSync(layout.clusterIdFile, 'utf8').trim();
}

const jwksUrl = () => `${keycloakRealmUrl()}/protocol/openid-connect/certs`;

/**
 * Kafka 3.9's token validator fetches the realm's keys once while the broker starts and exits when
 * it cannot (RefreshingHttpsJwks.init); afterwards it refreshes them by itself. So the broker is
 * launched once Keycloak publishes them; `up` starts both in parallel, and Keycloak's own wait
 * bounds this one.
 */
async function keysPublished(timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const jwks = await fetchJson(jwksUrl());
    if (Array.isArray(jwks?.keys) && jwks.keys.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new StackError(`kafka: the token keys of ${jwksUrl()} did not answer within ${timeoutMs / 1000} s; the broker validates Keycloak tokens and cannot start without them`);
}

/** The command that runs a broker laid out by `kafkaLayout` (its storage formatted first). */
export async function kafkaLaunchSpec(layout = sharedLayout) {
  await keysPublished();
  const formatted = existsSync(storageFormatFile(layout)) && readFileSync(storageFormatFile(layout), 'utf8').trim() === storageFormat;
  if (!formatted) rmSync(layout.dataDir, { recursive: true, force: true });
  mkdirSync(layout.dataDir, { recursive: true });
  renderProperties(layout);
  if (!existsSync(path.join(layout.dataDir, 'meta.properties'))) {
    const { mechanism, username, password } = kafkaAdminCredentials(layout);
    await runLogged(
      javaCommand(),
      [
        '-cp',
        classpath(),
        'kafka.tools.StorageTool',
        'format',
        '-t',
        clusterId(layout),
        '-c',
        layout.propertiesFile,
        '--add-scram',
        `${mechanism}=[name=${username},password=${password}]`,
        '--ignore-formatted',
      ],
      { logFile: path.join(layout.runDir, 'provision.log'), timeoutMs: 120_000, what: 'kafka: storage format' },
    );
    writeFileSync(storageFormatFile(layout), `${storageFormat}\n`);
  }
  const heap = process.env.KAFKA_HEAP_OPTS ?? '-Xms128m -Xmx512m';
  return {
    command: javaCommand(),
    args: [
      ...heap.split(/\s+/).filter(Boolean),
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-XX:InitiatingHeapOccupancyPercent=35',
      '-XX:+ExplicitGCInvokesConcurrent',
      '-XX:+ExitOnOutOfMemoryError',
      '-Djava.awt.headless=true',
      `-Dkafka.logs.dir=${layout.runDir}`,
      `-Dlog4j.configuration=file:${path.join(localDir, 'kafka', 'log4j.properties')}`,
      // The one address the broker may fetch token keys from (CVE-2025-27817).
      `-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=${jwksUrl()}`,
      '-cp',
      classpath(),
      'kafka.Kafka',
      layout.propertiesFile,
    ],
    cwd: layout.runDir,
    env: process.env,
  };
}

export const kafka = {
  name: 'kafka',
  aliases: [],
  title: `Kafka ${version} (KRaft)`,
  envVar: 'KAFKA_BROKERS',
  endpoint: `127.0.0.1:${brokerPort}`,
  ports: [brokerPort, controllerPort],
  startTimeoutMs: 120_000,
  logFile: path.join(runDir, 'kafka.log'),

  async probe(brokers) {
    const { host, port } = hostPort(brokers.split(',')[0], 9092);
    return kafkaAnswers(host, port);
  },

  async provision() {
    await requireJava('kafka', 17);
    if (existsSync(completeMarker) && readFileSync(completeMarker, 'utf8').trim() === libsContent) return false;
    const staging = `${libsDir}.download`;
    rmSync(staging, { recursive: true, force: true });
    await mavenCopyDependencies({
      pom: path.join(localDir, 'kafka', 'pom.xml'),
      outputDirectory: staging,
      logFile: path.join(runDir, 'provision.log'),
      what: `kafka: download of Kafka ${version} jars from Maven Central`,
    });
    rmSync(libsDir, { recursive: true, force: true });
    renameSync(staging, libsDir);
    writeFileSync(completeMarker, `${libsContent}\n`);
    return true;
  },

  launchSpec() {
    return kafkaLaunchSpec();
  },

  /** A running broker started with other settings (e.g. before SASL) is restarted with these. */
  needsRestart() {
    return existsSync(propertiesFile) && readFileSync(propertiesFile, 'utf8') !== renderedProperties(sharedLayout);
  },

  /** How clients authenticate: ours is the admin principal; given with KAFKA_BROKERS, theirs. */
  companionEnv() {
    if (process.env.KAFKA_BROKERS) {
      const given = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'].filter((name) => process.env[name]);
      return Object.fromEntries(given.map((name) => [name, process.env[name]]));
    }
    return kafkaAdminEnvironment();
  },

  async afterReady(brokers) {
    const sasl = process.env.KAFKA_BROKERS ? saslFromEnvironment(process.env) : kafkaAdminCredentials();
    // Partner territories as the local Keycloak puts them in the partners' tokens. A broker given by
    // KAFKA_BROKERS belongs to another checkout, whose topics.json may be newer than this one: ACLs
    // are only added to it, since deleting what this file does not declare would take away that
    // checkout's newer grants.
    const pruneAcls = !process.env.KAFKA_BROKERS;
    const { created, updated, acls } = await ensureTopics(brokers, { sasl, environment: demoEnvironment(), pruneAcls });
    const parts = [];
    if (created.length > 0) parts.push(`${created.length} topics created`);
    if (updated.length > 0) parts.push(`${updated.length} topics updated`);
    if (acls > 0) parts.push(`${acls} ACLs created`);
    return parts.join(', ');
  },
};
