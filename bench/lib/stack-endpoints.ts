import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const endpointsFile = join(root, '.cache', 'run', 'endpoints.json');

/** What `node infra/local/stack.mjs up` writes: each component's endpoint and its client settings (Kafka's SASL, the SMTP URL…). */
export interface StackEndpoints {
  KAFKA_BROKERS: string;
  MONGODB_URI: string;
  KEYCLOAK_URL: string;
  /** The endpoint and client variables as the services read them from their environment. */
  env: Record<string, string>;
  components: Record<string, { pid?: number }>;
}

/** The stack's endpoints file as it stands, or undefined when no stack was ever started from this clone. */
export function readStackEndpoints(): StackEndpoints | undefined {
  if (!existsSync(endpointsFile)) return undefined;
  const document = JSON.parse(readFileSync(endpointsFile, 'utf8')) as Record<string, unknown>;
  // Every top-level string but the file's own date is a variable a client of the stack needs, Kafka's SASL settings included.
  const env = Object.fromEntries(
    Object.entries(document).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'updatedAt'),
  );
  return {
    KAFKA_BROKERS: env['KAFKA_BROKERS'] ?? '',
    MONGODB_URI: env['MONGODB_URI'] ?? '',
    KEYCLOAK_URL: env['KEYCLOAK_URL'] ?? '',
    env,
    components: (document['components'] ?? {}) as Record<string, { pid?: number }>,
  };
}

/**
 * Starts the shared stack's `components` (all by default; what already runs is reused) and returns
 * its endpoints. Their variables are also set in this process where the shell left them unset, so
 * that the bench's own clients (`kafkaConnectionOptions()`, token requests) and the servers it
 * spawns with `process.env` reach the stack from a plain shell, without KAFKA_SASL_* exported by hand.
 */
export function stackUp(components: readonly string[] = []): StackEndpoints {
  const up = spawnSync(process.execPath, [join(root, 'infra', 'local', 'stack.mjs'), 'up', ...components], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (up.status !== 0) throw new Error('la pile locale ne démarre pas (node infra/local/stack.mjs up)');
  const endpoints = readStackEndpoints();
  if (endpoints === undefined) throw new Error(`${endpointsFile} absent après node infra/local/stack.mjs up`);
  for (const [name, value] of Object.entries(endpoints.env)) process.env[name] ??= value;
  return endpoints;
}
