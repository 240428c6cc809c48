import { z } from 'zod';
import { refuseDemoDefaults } from './production-mode.js';
import { httpEnvShape } from '../http/http-settings.js';
import { KAFKA_SASL_MECHANISMS } from '../kafka/sasl.js';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Configuration invalide (${problems.length} variable(s)) :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

// Empty strings count as missing: an exported-but-blank variable is a deployment mistake, not a value.
function withoutBlanks(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''),
  );
}

/**
 * Parses the environment once at start; every missing or invalid variable is reported in one error.
 * In production mode, a demo default among the settings the schema declares refuses the start first.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Env = process.env): z.output<S> {
  const given = withoutBlanks(env);
  if (schema instanceof z.ZodObject) refuseDemoDefaults(given, new Set(Object.keys(schema.shape)));
  const result = schema.safeParse(given);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.map(String).join('.') || '(racine)';
    return issue.code === 'invalid_type' && issue.input === undefined ? `${name} : variable manquante` : `${name} : ${issue.message}`;
  });
  throw new ConfigError(problems);
}

const commaList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item !== ''))
  .pipe(z.array(z.string()).min(1, 'au moins une adresse attendue'));

/** Variables every service reads; a service extends it with `commonEnv.extend({...})`. */
export const commonEnv = z.object({
  SERVICE_NAME: z.string().min(1),
  PORT: z.coerce.number().int().min(1).max(65535),
  KAFKA_BROKERS: commaList,
  /** SASL of the Kafka clients (packages/platform/src/kafka/sasl.ts); production mode requires it. */
  KAFKA_SASL_MECHANISM: z.enum(KAFKA_SASL_MECHANISMS).optional(),
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  KAFKA_CLIENT_SECRET: z.string().min(1).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  /** TLS to the broker (SASL_SSL); production mode requires `true`. */
  KAFKA_SSL: z.enum(['true', 'false']).optional(),
  /** PEM of the authority that signed the broker's certificate, when not one the system trusts. */
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'URI mongodb:// attendue'),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'nom de base invalide'),
  /** `production` refuses every demo default at start (see production-mode.ts). */
  GUICHET_ENV: z.enum(['demo', 'production']).default('demo'),
  /** Base64 of 32 random bytes; required in production. */
  DATA_ENCRYPTION_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, 'clé de 32 octets en base64 attendue (openssl rand -base64 32)')
    .optional(),
  KEYCLOAK_URL: z.url(),
  KEYCLOAK_REALM: z.string().min(1).default('guichet'),
  TOKEN_AUDIENCE: z.string().min(1).default('guichet-api'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** Port of the Prometheus metrics listener (GET /metrics), apart from PORT; absent, no metrics are served. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Address it binds: loopback unless the scraper reaches the service over a private network. */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  ...httpEnvShape,
});

export type CommonConfig = z.output<typeof commonEnv>;
