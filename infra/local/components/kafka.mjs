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

const sharedLayout = { runDir, dataDir, clusterIdFile, propertiesFile, brokerPort, controllerPort };

/** Where a broker keeps its files and which ports it takes, for an instance of its own (fault tests). */
export function kafkaLayout({ runDir: dir, brokerPort: broker, controllerPort: controller }) {
  return {
    runDir: dir,
    dataDir: path.join(dir, 'data'),
    clusterIdFile: path.join(dir, 'cluster.id'),
    propertiesFile: path.join(dir, 'server.properties'),
    brokerPort: broker,
    controllerPort: controller,
  };
}

function renderProperties(layout) {
  const template = readFileSync(path.join(localDir, 'kafka', 'server.properties'), 'utf8');
  const values = { BROKER_PORT: layout.brokerPort, CONTROLLER_PORT: layout.controllerPort, DATA_DIR: layout.dataDir };
  writeFileSync(layout.propertiesFile, template.replace(/\$\{(\w+)\}/g, (_, key) => String(values[key])));
}

function clusterId(layout) {
  if (!existsSync(layout.clusterIdFile)) {
    mkdirSync(layout.runDir, { recursive: true });
    // Kafka cluster ids are 16 random bytes in URL-safe base64, as `kafka-storage random-uuid` prints.
    writeFileSync(layout.clusterIdFile, `${randomBytes(16).toString('base64url')}\n`);
  }
  return readFileSync(layout.clusterIdFile, 'utf8').trim();
}

/** The command that runs a broker laid out by `kafkaLayout` (its storage formatted first). */
export async function kafkaLaunchSpec(layout = sharedLayout) {
  mkdirSync(layout.dataDir, { recursive: true });
  renderProperties(layout);
  if (!existsSync(path.join(layout.dataDir, 'meta.properties'))) {
    await runLogged(
      javaCommand(),
      ['-cp', classpath(), 'kafka.tools.StorageTool', 'format', '-t', clusterId(layout), '-c', layout.propertiesFile, '--ignore-formatted'],
      { logFile: path.join(layout.runDir, 'provision.log'), timeoutMs: 120_000, what: 'kafka: storage format' },
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
      `-Dkafka.logs.dir=${layout.runDir}`,
      `-Dlog4j.configuration=file:${path.join(localDir, 'kafka', 'log4j.properties')}`,
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

  launchSpec() {
    return kafkaLaunchSpec();
  },

  async afterReady(brokers) {
    const { created, updated } = await ensureTopics(brokers);
    const parts = [];
    if (created.length > 0) parts.push(`${created.length} topics created`);
    if (updated.length > 0) parts.push(`${updated.length} topics updated`);
    return parts.join(', ');
  },
};
