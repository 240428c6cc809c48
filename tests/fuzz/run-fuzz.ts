import { spawn } from 'node:child_process';
import { kafkaConnectionOptions } from '@guichet/platform';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { topics } from '@guichet/contracts';
import { startSmtpSink, startWebhookReceiver } from '../e2e/support/partners.js';
import { startService, type RunningService, type ServiceName } from '../e2e/support/services.js';
import { clientCredentialsToken, passwordToken } from '../harness/tokens.js';
import { seeders, type SeededIds } from './fixtures.js';
import { planOperations, schemathesisConfig, tokenVariable, type Caller, type PlannedOperation } from './fuzz-plan.js';
import { ensureSchemathesis } from './schemathesis-venv.js';
import { readJunitReport, type FuzzFailure } from './junit-report.js';

/**
 * Fuzzes every OpenAPI document of contracts/ with schemathesis against the three services,
 * started for this run only (own databases, topics and consumer groups, removed afterwards),
 * each operation called with a real Keycloak token of a role it admits.
 */

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const services: readonly ServiceName[] = ['intake', 'matching', 'notifications'];

/** The demo account that stands for each caller (users and partner clients of the local realm). */
const accounts: Record<Caller, () => Promise<string>> = {
  candidate: () => passwordToken('interne.demo'),
  'other-candidate': () => passwordToken('interne2.demo'),
  'caseworker-ars': () => passwordToken('ars.cvl'),
  'caseworker-cpam': () => passwordToken('cpam.37'),
  'offer-publisher': () => passwordToken('publisher.37'),
  collectivite: () => passwordToken('mairie.37'),
  admin: () => passwordToken('admin.demo'),
  partner: () => clientCredentialsToken('partner-ars'),
};

export interface FuzzOptions {
  readonly only?: readonly ServiceName[];
  readonly maxExamples?: number;
  readonly seed?: number;
  readonly workers?: number;
  /** schemathesis phases; the coverage phase walks every constraint of every body and takes minutes. */
  readonly phases?: readonly Phase[];
  readonly log?: (line: string) => void;
}

export type Phase = 'examples' | 'coverage' | 'fuzzing' | 'stateful';
export const defaultPhases: readonly Phase[] = ['examples', 'fuzzing', 'stateful'];

export interface SpecOutcome {
  readonly service: ServiceName;
  /** `METHOD /path` of each operation the document declares. */
  readonly declared: readonly string[];
  /** `METHOD /path` of each operation schemathesis tested. */
  readonly tested: readonly string[];
  /** Requests generated, as schemathesis counts them in its summary. */
  readonly testCases: number;
  readonly failures: readonly FuzzFailure[];
  readonly exitCode: number;
  readonly durationMs: number;
  readonly output: string;
}

export interface FuzzReport {
  readonly schemathesis: string;
  readonly seed: number;
  readonly maxExamples: number;
  readonly outcomes: readonly SpecOutcome[];
  readonly durationMs: number;
}

const artifacts = join(root, 'test-artifacts', 'fuzz');

// Erasure wipes the caller's requests: it is fuzzed as a second candidate, so the first one's
// seeded request stays reachable for every other candidate operation.
const overrides: Readonly<Record<string, Caller>> = { eraseMyData: 'other-candidate' };

function runSchemathesis(executable: string, args: readonly string[], env: NodeJS.ProcessEnv, outputFile: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = createWriteStream(outputFile);
    child.stdout.pipe(output);
    child.stderr.pipe(output);
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function tokensFor(operations: readonly PlannedOperation[]): Promise<Record<string, string>> {
  const needed = [...new Set(operations.flatMap((operation) => (operation.caller ? [operation.caller] : [])))];
  const tokens = await Promise.all(needed.map(async (caller) => [tokenVariable(caller), await accounts[caller]()] as const));
  return Object.fromEntries(tokens);
}

async function fuzzSpec(
  executable: string,
  service: RunningService,
  seeding: Seeding,
  options: Required<Pick<FuzzOptions, 'maxExamples' | 'seed' | 'workers' | 'phases'>>,
): Promise<SpecOutcome> {
  const began = Date.now();
  const spec = join(root, 'contracts', 'openapi', `${service.name}.yaml`);
  const operations = planOperations(spec, overrides);
  const declared = operations.map((operation) => `${operation.method} ${operation.path}`);
  if (!seeding.ok) {
    // A document whose resources cannot be prepared fails alone; the others go on.
    const failure = { operation: '(préparation)', message: seeding.error };
    return { service: service.name, declared, tested: [], testCases: 0, failures: [failure], exitCode: 1, durationMs: Date.now() - began, output: '' };
  }
  const seeded = seeding.ids;
  const configFile = join(artifacts, `${service.name}.schemathesis.toml`);
  writeFileSync(configFile, schemathesisConfig(operations, { ...options, requestTimeoutSeconds: 30, seeded, seededProbability: 0.8 }));
  const junitFile = join(artifacts, `${service.name}.junit.xml`);
  rmSync(junitFile, { force: true });
  const outputFile = join(artifacts, `${service.name}.schemathesis.log`);
  // Tokens last five minutes: fetched right before the document's run, handed over by environment only.
  const env = { ...process.env, ...(await tokensFor(operations)), NO_COLOR: '1' };
  const exitCode = await runSchemathesis(
    executable,
    ['--config-file', configFile, 'run', spec, '--url', service.url, '--phases', options.phases.join(','), '--report', 'junit', '--report-junit-path', junitFile, '--no-color'],
    env,
    outputFile,
  );
  const report = readJunitReport(junitFile);
  const generated = /(\d+) generated/.exec(readFileSync(outputFile, 'utf8'));
  return {
    service: service.name,
    declared,
    tested: report.tested,
    testCases: generated ? Number(generated[1]) : 0,
    failures: report.failures,
    exitCode,
    durationMs: Date.now() - began,
    output: outputFile,
  };
}

type Seeding = { ok: true; ids: SeededIds } | { ok: false; error: string };

/** Resources of every document, one after the other and before any fuzzing: the same state for each run. */
async function seedAll(started: readonly RunningService[], webhookUrl: string): Promise<Map<ServiceName, Seeding>> {
  const seedings = new Map<ServiceName, Seeding>();
  // As on a real desk, partners subscribe before cases flow: notifications first, intake last.
  const order: readonly ServiceName[] = ['notifications', 'matching', 'intake'];
  for (const service of [...started].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name))) {
    try {
      seedings.set(service.name, { ok: true, ids: await seeders[service.name]({ url: service.url, webhookUrl }) });
    } catch (error) {
      seedings.set(service.name, { ok: false, error: `${(error as Error).name} : ${(error as Error).message}` });
    }
  }
  return seedings;
}

async function removeRunData(run: string, started: readonly ServiceName[], log: (line: string) => void): Promise<void> {
  const mongoUri = process.env.MONGODB_URI;
  if (mongoUri) {
    const client = new MongoClient(mongoUri);
    try {
      await client.connect();
      for (const service of started) await client.db(`fuzz_${run}_${service}`).dropDatabase();
    } catch (error) {
      log(`bases du passage non supprimées : ${(error as Error).message}`);
    } finally {
      await client.close();
    }
  }
  const brokers = process.env.KAFKA_BROKERS;
  if (brokers) {
    const admin = new Kafka({ ...kafkaConnectionOptions(), clientId: `fuzz-${run}-cleanup`, brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
    try {
      await admin.connect();
      const prefix = `fuzz-${run}.`;
      const own = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
      if (own.length > 0) await admin.deleteTopics({ topics: own });
      const groups = (await admin.listGroups()).groups.map((group) => group.groupId).filter((group) => group.startsWith(`fuzz-${run}-`));
      // A group the broker still sees as active is left to expire with its offsets.
      await Promise.all(groups.map((group) => admin.deleteGroups([group]).catch(() => undefined)));
    } catch (error) {
      log(`sujets du passage non supprimés : ${(error as Error).message}`);
    } finally {
      await admin.disconnect();
    }
  }
}

export async function runFuzz(options: FuzzOptions = {}): Promise<FuzzReport> {
  const began = Date.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const settings = { maxExamples: options.maxExamples ?? 8, seed: options.seed ?? 20261124, workers: options.workers ?? 1, phases: options.phases ?? defaultPhases };
  const only = options.only ?? services;
  mkdirSync(artifacts, { recursive: true });

  const schemathesis = ensureSchemathesis(root);
  log(`${schemathesis.version} (${schemathesis.executable})`);

  const run = randomBytes(4).toString('hex');
  const prefix = `fuzz-${run}.`;
  const smtp = await startSmtpSink();
  const receiver = await startWebhookReceiver();
  const started: RunningService[] = [];
  try {
    const common = { LOG_LEVEL: 'warn' };
    const env: Record<ServiceName, Record<string, string>> = {
      intake: {
        ...common,
        MONGODB_DB: `fuzz_${run}_intake`,
        CONSUMER_GROUP: `fuzz-${run}-intake`,
        INTAKE_TOPIC: `${prefix}${topics.intakeRequests}`,
        MATCHING_TOPIC: `${prefix}${topics.matchingProposals}`,
      },
      matching: {
        ...common,
        MONGODB_DB: `fuzz_${run}_matching`,
        CONSUMER_GROUP_PREFIX: `fuzz-${run}-matching`,
        TOPIC_PREFIX: prefix,
        // The public simulation is rate limited per client; the fuzzer is one client sending many.
        SIMULATIONS_PER_MINUTE: '100000',
      },
      notifications: {
        ...common,
        MONGODB_DB: `fuzz_${run}_notifications`,
        CONSUMER_GROUP_PREFIX: `fuzz-${run}-notifications`,
        TOPIC_PREFIX: prefix,
        SMTP_URL: smtp.url,
        // The seeded subscription delivers to a receiver of this run, on loopback.
        WEBHOOK_LOOPBACK_TEST_MODE: 'true',
        WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64'),
      },
    };
    const startedAt = Date.now();
    // On two shared cores a service may take minutes to join its consumer groups; one that never
    // gets ready fails the run, and the others are stopped with it.
    const starting = await Promise.allSettled(only.map((name) => startService(name, env[name], 300_000, { logName: `fuzz-${name}.log` })));
    for (const result of starting) if (result.status === 'fulfilled') started.push(result.value);
    const failed = starting.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
    log(`services prêts en ${((Date.now() - startedAt) / 1000).toFixed(1)} s : ${started.map((s) => `${s.name} ${s.url}`).join(', ')}`);

    const seedings = await seedAll(started, receiver.url);
    // The documents are fuzzed side by side: most of a run is spent waiting on the database.
    const outcomes = await Promise.all(
      started.map(async (service) => {
        const outcome = await fuzzSpec(schemathesis.executable, service, seedings.get(service.name) ?? { ok: false, error: 'non préparé' }, settings);
        log(
          `${service.name} : ${outcome.tested.length} opérations, ${outcome.testCases} cas, ${outcome.failures.length} échec(s), ` +
            `code ${outcome.exitCode}, ${(outcome.durationMs / 1000).toFixed(1)} s (${outcome.output})`,
        );
        for (const failure of outcome.failures) log(`  ✗ ${failure.operation} : ${failure.message.split('\n').slice(0, 3).join(' ')}`);
        return outcome;
      }),
    );
    return { schemathesis: schemathesis.version, seed: settings.seed, maxExamples: settings.maxExamples, outcomes, durationMs: Date.now() - began };
  } finally {
    await Promise.all(started.map((service) => service.stop()));
    await Promise.all([smtp.stop(), receiver.stop()]);
    await removeRunData(run, only, log);
  }
}

/** The failure text schemathesis printed for one document (its log file), for a failing assertion. */
export function outputOf(outcome: SpecOutcome): string {
  return outcome.output === '' ? '' : readFileSync(outcome.output, 'utf8');
}
