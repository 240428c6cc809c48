import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from '../support/services.js';

/**
 * A Kafka broker and a FerretDB of this run only, on ports and data directories of their own
 * (.cache/run/faults-<run>/): the shared stack keeps serving the other tests while these are
 * killed with SIGKILL and restarted on their own data.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

interface LaunchSpec {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

interface KafkaLayout {
  runDir: string;
  brokerPort: number;
  controllerPort: number;
  adminPassword?: string;
}

interface SaslSettings {
  mechanism: string;
  username: string;
  password: string;
}

interface KafkaComponentModule {
  kafka: { provision(): Promise<boolean> };
  kafkaLayout(options: KafkaLayout): object;
  kafkaLaunchSpec(layout: object): Promise<LaunchSpec>;
  kafkaAdminCredentials(layout: object): SaslSettings;
}

interface FerretdbComponentModule {
  ferretdb: { provision(): Promise<boolean> };
  ferretdbLaunchSpec(options: { runDir: string; port: number }): Promise<LaunchSpec>;
}

interface TopicsModule {
  ensureTopics(brokers: string, options?: { clientId?: string; sasl?: SaslSettings; environment?: Record<string, string> }): Promise<{ created: string[]; updated: string[] }>;
}

interface ProbesModule {
  kafkaAnswers(host: string, port: number, timeoutMs?: number): Promise<boolean>;
  mongoAnswers(host: string, port: number, timeoutMs?: number): Promise<boolean>;
}

const load = async <T>(relative: string): Promise<T> => (await import(pathToFileURL(join(root, relative)).href)) as T;

/** A server process that can be killed without warning and started again on the same data. */
export interface KillableProcess {
  readonly name: string;
  start(): Promise<void>;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

function killable(name: string, logFile: string, spec: () => Promise<LaunchSpec>, ready: () => Promise<boolean>, readyTimeoutMs: number): KillableProcess {
  let child: ChildProcess | undefined;
  return {
    name,
    async start() {
      const launch = await spec();
      mkdirSync(dirname(logFile), { recursive: true });
      const fd = openSync(logFile, 'a');
      // Its own process group: a SIGKILL reaches the server and anything it started.
      const started = spawn(launch.command, launch.args, { cwd: launch.cwd, env: launch.env, detached: true, stdio: ['ignore', fd, fd] });
      closeSync(fd);
      child = started;
      const deadline = Date.now() + readyTimeoutMs;
      while (!(await ready())) {
        if (started.exitCode !== null) throw new Error(`${name} exited with code ${started.exitCode} (see ${logFile})`);
        if (Date.now() > deadline) throw new Error(`${name} not ready after ${readyTimeoutMs} ms (see ${logFile})`);
        await sleep(250);
      }
    },
    async kill() {
      if (!child) return;
      signalGroup(child, 'SIGKILL');
      await exited(child);
    },
    async stop() {
      if (!child) return;
      const current = child;
      signalGroup(current, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(current, 'SIGKILL'), 20_000);
      await exited(current);
      clearTimeout(timer);
    },
  };
}

export interface OwnInfrastructure {
  runDir: string;
  brokers: string;
  mongodbUri: string;
  kafka: KillableProcess;
  ferretdb: KillableProcess;
  /** Stops both and deletes their data. */
  /** Stops both servers; `keepData` leaves their files (under `runDir`) for a post-mortem. */
  dispose(options?: { keepData?: boolean }): Promise<void>;
}

export async function startOwnInfrastructure(run: string): Promise<OwnInfrastructure> {
  // One at a time: jest's module loader fails on concurrent imports sharing a dependency.
  const kafkaModule = await load<KafkaComponentModule>('infra/local/components/kafka.mjs');
  const ferretdbModule = await load<FerretdbComponentModule>('infra/local/components/ferretdb.mjs');
  const topicsModule = await load<TopicsModule>('infra/local/kafka-topics.mjs');
  const { demoEnvironment } = await load<{ demoEnvironment(): Record<string, string> }>('infra/keycloak/demo-realm.mjs');
  const probes = await load<ProbesModule>('infra/local/lib/probes.mjs');
  await Promise.all([kafkaModule.kafka.provision(), ferretdbModule.ferretdb.provision()]);
  const runDir = join(root, '.cache', 'run', `faults-${run}`);
  const [brokerPort, controllerPort, mongoPort] = [await freePort(), await freePort(), await freePort()];
  const kafkaDir = join(runDir, 'kafka');
  const ferretDir = join(runDir, 'ferretdb');
  // The run's clients and services authenticate with the shared broker's admin settings (KAFKA_SASL_*): same password here.
  const layout = kafkaModule.kafkaLayout({ runDir: kafkaDir, brokerPort, controllerPort, adminPassword: process.env.KAFKA_SASL_PASSWORD });
  const kafka = killable('kafka', join(kafkaDir, 'kafka.out.log'), () => kafkaModule.kafkaLaunchSpec(layout), () => probes.kafkaAnswers('127.0.0.1', brokerPort), 180_000);
  // Another build of the same server (e.g. one with a fix under evaluation), compared side by side with the same run.
  const ferretdbBinary = process.env.E2E_FERRETDB_BIN;
  const ferretdb = killable(
    'ferretdb',
    join(ferretDir, 'ferretdb.log'),
    async () => {
      const spec = await ferretdbModule.ferretdbLaunchSpec({ runDir: ferretDir, port: mongoPort });
      return ferretdbBinary === undefined ? spec : { ...spec, command: ferretdbBinary };
    },
    () => probes.mongoAnswers('127.0.0.1', mongoPort),
    60_000,
  );
  const brokers = `127.0.0.1:${brokerPort}`;
  const dispose = async ({ keepData = false }: { keepData?: boolean } = {}) => {
    await Promise.all([kafka.stop(), ferretdb.stop()]);
    if (!keepData) rmSync(runDir, { recursive: true, force: true });
  };
  try {
    await Promise.all([kafka.start(), ferretdb.start()]);
    await topicsModule.ensureTopics(brokers, { clientId: `faults-${run}`, sasl: kafkaModule.kafkaAdminCredentials(layout), environment: demoEnvironment() });
  } catch (error) {
    await dispose();
    throw error;
  }
  return { runDir, brokers, mongodbUri: `mongodb://127.0.0.1:${mongoPort}`, kafka, ferretdb, dispose };
}
