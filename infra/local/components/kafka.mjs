import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runLogged } from '../lib/commands.mjs';
import { javaCommand, requireJava } from '../lib/java.mjs';
import { mavenCopyDependencies } from '../lib/maven.mjs';
import { cacheDir, componentRunDir, localDir } from '../lib/paths.mjs';
import { hostPort } from '../lib/ports.mjs';
import { kafkaAnswers } from '../lib/probes.mjs';
import { ensureTopics } from '../kafka-topics.mjs';

const version = '3.9.1';
const brokerPort = 19092;
const controllerPort = 19093;
const libsDir = path.join(cacheDir, 'kafka', 'libs');
const completeMarker = path.join(libsDir, '.complete');
const runDir = componentRunDir('kafka');
const dataDir = path.join(runDir, 'data');
const clusterIdFile = path.join(runDir, 'cluster.id');
const propertiesFile = path.join(runDir, 'server.properties');

function classpath() {
  return `${libsDir}${path.sep}*`;
}

function renderProperties() {
  const template = readFileSync(path.join(localDir, 'kafka', 'server.properties'), 'utf8');
  const values = { BROKER_PORT: brokerPort, CONTROLLER_PORT: controllerPort, DATA_DIR: dataDir };
  writeFileSync(propertiesFile, template.replace(/\$\{(\w+)\}/g, (_, key) => String(values[key])));
}

function clusterId() {
  if (!existsSync(clusterIdFile)) {
    mkdirSync(runDir, { recursive: true });
    // Kafka cluster ids are 16 random bytes in URL-safe base64, as `kafka-storage random-uuid` prints.
    writeFileSync(clusterIdFile, `${randomBytes(16).toString('base64url')}\n`);
  }
  return readFileSync(clusterIdFile, 'utf8').trim();
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
    if (existsSync(completeMarker) && readFileSync(completeMarker, 'utf8').trim() === version) return false;
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
    writeFileSync(completeMarker, `${version}\n`);
    return true;
  },

  async launchSpec() {
    mkdirSync(dataDir, { recursive: true });
    renderProperties();
    if (!existsSync(path.join(dataDir, 'meta.properties'))) {
      await runLogged(
        javaCommand(),
        ['-cp', classpath(), 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', propertiesFile, '--ignore-formatted'],
        { logFile: path.join(runDir, 'provision.log'), timeoutMs: 120_000, what: 'kafka: storage format' },
      );
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
        `-Dkafka.logs.dir=${runDir}`,
        `-Dlog4j.configuration=file:${path.join(localDir, 'kafka', 'log4j.properties')}`,
        '-cp',
        classpath(),
        'kafka.Kafka',
        propertiesFile,
      ],
      cwd: runDir,
      env: process.env,
    };
  },

  async afterReady(brokers) {
    const { created, updated } = await ensureTopics(brokers);
    const parts = [];
    if (created.length > 0) parts.push(`${created.length} topics created`);
    if (updated.length > 0) parts.push(`${updated.length} topics updated`);
    return parts.join(', ');
  },
};
