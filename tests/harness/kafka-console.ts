import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';
import { tokenEndpoint } from './tokens.js';

// Kafka's own console producer and consumer (Java, from the broker's Maven artefacts in
// .cache/kafka/libs): a client this project did not write, to check what the broker lets through.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const classpath = path.join(root, '.cache', 'kafka', 'libs', '*');

/** Who the console client is: nobody (no SASL), a Keycloak client (OAUTHBEARER) or the admin (SCRAM). */
export type ConsoleIdentity = { readonly kind: 'anonymous' } | { readonly kind: 'client'; readonly clientId: string; readonly secret: string } | { readonly kind: 'admin' };

export interface ConsoleRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function properties(identity: ConsoleIdentity): string {
  if (identity.kind === 'anonymous') return 'security.protocol=PLAINTEXT\n';
  if (identity.kind === 'admin') {
    const username = process.env.KAFKA_SASL_USERNAME ?? '';
    const password = process.env.KAFKA_SASL_PASSWORD ?? '';
    return [
      'security.protocol=SASL_PLAINTEXT',
      `sasl.mechanism=${process.env.KAFKA_SASL_MECHANISM ?? 'SCRAM-SHA-512'}`,
      `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${username}" password="${password}";`,
      '',
    ].join('\n');
  }
  return [
    'security.protocol=SASL_PLAINTEXT',
    'sasl.mechanism=OAUTHBEARER',
    'sasl.login.callback.handler.class=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler',
    `sasl.oauthbearer.token.endpoint.url=${tokenEndpoint()}`,
    'sasl.oauthbearer.sub.claim.name=azp',
    `sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="${identity.clientId}" clientSecret="${identity.secret}";`,
    '',
  ].join('\n');
}

function java(mainClass: string, args: readonly string[], input: string | undefined, timeoutMs: number): Promise<ConsoleRun> {
  return new Promise((resolve) => {
    const child = execFile(
      'java',
      [
        '-Xmx256m',
        `-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=${tokenEndpoint()}`,
        `-Dlog4j.configuration=file:${path.join(root, 'infra', 'local', 'kafka', 'log4j-console.properties')}`,
        '-cp',
        classpath,
        mainClass,
        ...args,
      ],
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? '');
  });
}

function withConfig<T>(identity: ConsoleIdentity, run: (file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kafka-console-'));
  const file = path.join(dir, 'client.properties');
  writeFileSync(file, properties(identity), { mode: 0o600 });
  return run(file).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const bootstrap = (): string => process.env.KAFKA_BROKERS ?? '';

/**
 * Reads a topic from its beginning, keys and values one per line. The run ends on the tool's own
 * account: `max` records read, or the broker's refusal (the console consumer stops at an
 * authorization error, and says so). `idleMs` without a record only ends a run that neither read
 * nor was refused, and is long: on a loaded machine the JVM, its token and the group's join take
 * tens of seconds before the first answer, so a short one ended reads before the broker was asked.
 */
export function consoleConsume(identity: ConsoleIdentity, topic: string, { group, idleMs = 90_000, max = 100 }: { group: string; idleMs?: number; max?: number }): Promise<ConsoleRun> {
  return withConfig(identity, (file) =>
    java(
      'org.apache.kafka.tools.consumer.ConsoleConsumer',
      [
        '--bootstrap-server',
        bootstrap(),
        '--topic',
        topic,
        '--group',
        group,
        '--from-beginning',
        '--timeout-ms',
        String(idleMs),
        '--max-messages',
        String(max),
        '--property',
        'print.key=true',
        '--consumer.config',
        file,
      ],
      undefined,
      idleMs + 60_000,
    ),
  );
}

/** How many records a topic holds now (each partition's high watermark less its low one), asked as the broker's admin. */
export async function recordCount(topic: string): Promise<number> {
  const { Kafka, logLevel } = kafkajs;
  const { KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME = '', KAFKA_SASL_PASSWORD = '' } = process.env;
  const sasl = KAFKA_SASL_MECHANISM === 'SCRAM-SHA-512' ? { sasl: { mechanism: 'scram-sha-512' as const, username: KAFKA_SASL_USERNAME, password: KAFKA_SASL_PASSWORD } } : {};
  const admin = new Kafka({ clientId: 'console-check', brokers: bootstrap().split(','), logLevel: logLevel.NOTHING, ...sasl }).admin();
  await admin.connect();
  try {
    const partitions = await admin.fetchTopicOffsets(topic);
    return partitions.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Sends `key:value` lines to a topic. The tool exits 0 whatever became of a send: what happened is
 * in what it reports. A refused send is reported as soon as the broker answers; 60 s is how long a
 * send may wait for a broker that has not answered (a loaded machine's token and metadata).
 */
export function consoleProduce(identity: ConsoleIdentity, topic: string, lines: readonly string[]): Promise<ConsoleRun> {
  return withConfig(identity, (file) =>
    java(
      'kafka.tools.ConsoleProducer',
      [
        '--bootstrap-server',
        bootstrap(),
        '--topic',
        topic,
        '--property',
        'parse.key=true',
        '--property',
        'key.separator=:',
        '--producer-property',
        'max.block.ms=60000',
        '--producer-property',
        'delivery.timeout.ms=60000',
        '--producer-property',
        'request.timeout.ms=15000',
        '--producer.config',
        file,
      ],
      `${lines.join('\n')}\n`,
      120_000,
    ),
  );
}

export const refusedAccess = (run: ConsoleRun): boolean => /AuthorizationException|Not authorized|authorization failed/i.test(`${run.stdout}\n${run.stderr}`);

/** The broker hung up on a client that did not authenticate (a PLAINTEXT client on the SASL listener). */
export const disconnectedByBroker = (run: ConsoleRun): boolean => /Bootstrap broker \S+ \(id: -1 rack: null\) disconnected/.test(run.stderr);
