import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

// Jest globalSetup: tells every worker where the real Kafka, MongoDB-wire server and Keycloak
// are. Order: variables already in the environment (set by hand, or by scripts/test.mjs after
// testcontainers), then .cache/run/endpoints.json written by `node infra/local/stack.mjs up`.

const variables = ['KAFKA_BROKERS', 'MONGODB_URI', 'KEYCLOAK_URL', 'MAIL_INBOX_URL', 'MAIL_SMTP_URL'] as const;
// How the test clients authenticate to that broker (its admin principal); absent for a broker without SASL.
const kafkaSasl = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const;
type Variable = (typeof variables)[number] | (typeof kafkaSasl)[number];

interface GlobalConfigLike {
  readonly rootDir?: string;
  readonly testPathPatterns?: { readonly patterns?: readonly string[] };
}

function readEndpointsFile(rootDir: string): Partial<Record<Variable, string>> {
  const file = path.join(rootDir, '.cache', 'run', 'endpoints.json');
  if (!existsSync(file)) return {};
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const found: Partial<Record<Variable, string>> = {};
  if (typeof parsed !== 'object' || parsed === null) return found;
  for (const variable of [...variables, ...kafkaSasl]) {
    const value: unknown = (parsed as Record<string, unknown>)[variable];
    if (typeof value === 'string' && value.length > 0) found[variable] = value;
  }
  return found;
}

function firstHostPort(variable: Variable, value: string): { host: string; port: number } | null {
  const text =
    variable === 'KAFKA_BROKERS'
      ? value.split(',')[0]
      : variable === 'MONGODB_URI'
        ? /^mongodb:\/\/(?:[^@/]*@)?([^/?,]+)/.exec(value)?.[1]
        : (() => {
            try {
              const url = new URL(value);
              return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
            } catch {
              return undefined;
            }
          })();
  const match = text ? /^\[?([^\]]+?)\]?:(\d+)$/.exec(text.trim()) : null;
  if (!match?.[1] || !match[2]) return null;
  return { host: match[1], port: Number(match[2]) };
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Only unit specs asked for by path: they need no infrastructure, so a missing stack is fine. */
function onlyUnitSpecs(globalConfig: GlobalConfigLike): boolean {
  const patterns = globalConfig.testPathPatterns?.patterns ?? [];
  return patterns.length > 0 && patterns.every((pattern) => pattern.includes('.unit.'));
}

export default async function globalSetup(globalConfig: GlobalConfigLike = {}): Promise<void> {
  const rootDir = globalConfig.rootDir ?? process.cwd();
  const fromFile = readEndpointsFile(rootDir);
  // Given with KAFKA_BROKERS, the broker's SASL settings come from the same place, never mixed with the file's.
  const saslSource = process.env.KAFKA_BROKERS === undefined ? fromFile : {};
  const problems: string[] = [];
  for (const variable of variables) {
    const value = process.env[variable] ?? fromFile[variable];
    if (!value) {
      problems.push(`${variable} is not set`);
      continue;
    }
    const target = firstHostPort(variable, value);
    if (target && !(await accepts(target.host, target.port))) {
      problems.push(`${variable}=${value} does not answer`);
      continue;
    }
    process.env[variable] = value;
  }
  for (const variable of kafkaSasl) {
    const value = process.env[variable] ?? saslSource[variable];
    if (value !== undefined) process.env[variable] = value;
  }
  if (problems.length === 0 || onlyUnitSpecs(globalConfig)) return;
  throw new Error(
    `The local stack is not up (${problems.join('; ')}). ` +
      'Start it with `node infra/local/stack.mjs up`, run everything with `npm test`, ' +
      'or point KAFKA_BROKERS, MONGODB_URI, KEYCLOAK_URL and MAIL_INBOX_URL (with MAIL_SMTP_URL) at running servers.',
  );
}
