import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * How a client proves who it is to the broker, from the configuration:
 * - `OAUTHBEARER`: a Keycloak client-credentials token (`KAFKA_CLIENT_ID`, `KAFKA_CLIENT_SECRET`;
 *   token endpoint of `KEYCLOAK_URL`/`KEYCLOAK_REALM`, or `KAFKA_OAUTH_TOKEN_URL`). The broker
 *   names the client by the token's `azp` claim and applies that client's ACLs.
 * - `SCRAM-SHA-512` / `SCRAM-SHA-256`: `KAFKA_SASL_USERNAME`, `KAFKA_SASL_PASSWORD` (the operator's
 *   admin principal, used by the local stack and the tests).
 * - none: a broker without SASL (an old local stack); production mode refuses it.
 */
export type KafkaAuthentication =
  | { readonly mechanism: 'none' }
  | { readonly mechanism: 'SCRAM-SHA-512' | 'SCRAM-SHA-256'; readonly username: string; readonly password: string }
  | { readonly mechanism: 'OAUTHBEARER'; readonly tokenUrl: string; readonly clientId: string; readonly clientSecret: string };

export const KAFKA_SASL_MECHANISMS = ['OAUTHBEARER', 'SCRAM-SHA-512', 'SCRAM-SHA-256'] as const;

const given = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

function required(env: Env, mechanism: string, names: readonly string[]): string[] {
  const missing = names.filter((name) => given(env, name) === undefined);
  if (missing.length > 0) throw new Error(`KAFKA_SASL_MECHANISM=${mechanism} : ${missing.join(', ')} manquante(s)`);
  return names.map((name) => given(env, name) ?? '');
}

export function kafkaAuthenticationFromEnv(env: Env = process.env): KafkaAuthentication {
  const mechanism = given(env, 'KAFKA_SASL_MECHANISM');
  if (mechanism === undefined) return { mechanism: 'none' };
  if (mechanism === 'OAUTHBEARER') {
    const [clientId = '', clientSecret = ''] = required(env, mechanism, ['KAFKA_CLIENT_ID', 'KAFKA_CLIENT_SECRET']);
    const explicit = given(env, 'KAFKA_OAUTH_TOKEN_URL');
    const keycloak = given(env, 'KEYCLOAK_URL');
    if (explicit === undefined && keycloak === undefined) throw new Error('KAFKA_SASL_MECHANISM=OAUTHBEARER : KEYCLOAK_URL ou KAFKA_OAUTH_TOKEN_URL manquante');
    const tokenUrl = explicit ?? `${(keycloak ?? '').replace(/\/+$/, '')}/realms/${given(env, 'KEYCLOAK_REALM') ?? 'guichet'}/protocol/openid-connect/token`;
    return { mechanism, tokenUrl, clientId, clientSecret };
  }
  if (mechanism === 'SCRAM-SHA-512' || mechanism === 'SCRAM-SHA-256') {
    const [username = '', password = ''] = required(env, mechanism, ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']);
    return { mechanism, username, password };
  }
  throw new Error(`KAFKA_SASL_MECHANISM=${mechanism} : mécanisme inconnu (${KAFKA_SASL_MECHANISMS.join(', ')})`);
}

interface CachedToken {
  readonly value: string;
  readonly renewAt: number;
}

/**
 * A client-credentials token, fetched again once 80 % of its lifetime has passed: kafkajs asks
 * for one at every connection and re-authentication, and the broker re-authenticates sessions
 * before the token they started with expires.
 */
export function clientCredentialsTokens(
  { tokenUrl, clientId, clientSecret }: Extract<KafkaAuthentication, { mechanism: 'OAUTHBEARER' }>,
  now: () => number = Date.now,
): () => Promise<string> {
  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;
  const fetchToken = async (): Promise<CachedToken> => {
    const asked = now();
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`jeton Kafka refusé par ${tokenUrl} pour ${clientId} (HTTP ${response.status})`);
    const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string') throw new Error(`réponse sans jeton de ${tokenUrl} pour ${clientId}`);
    const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : 60) * 1000;
    return { value: body.access_token, renewAt: asked + lifetimeMs * 0.8 };
  };
  return async () => {
    if (cached && now() < cached.renewAt) return cached.value;
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    cached = await pending;
    return cached.value;
  };
}

/** kafkajs's `sasl` option for an authentication, or undefined without SASL. */
export function saslOptions(authentication: KafkaAuthentication): SASLOptions | undefined {
  switch (authentication.mechanism) {
    case 'none':
      return undefined;
    case 'SCRAM-SHA-512':
      return { mechanism: 'scram-sha-512', username: authentication.username, password: authentication.password };
    case 'SCRAM-SHA-256':
      return { mechanism: 'scram-sha-256', username: authentication.username, password: authentication.password };
    case 'OAUTHBEARER': {
      const token = clientCredentialsTokens(authentication);
      return { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: await token() }) };
    }
  }
}

/**
 * TLS to the broker when `KAFKA_SSL=true` (SASL_SSL): the broker's certificate is checked against
 * the system's authorities, or the one in `KAFKA_SSL_CA_FILE` (PEM), and its name against the
 * broker's address. Never without checking.
 */
export function kafkaTls(env: Env = process.env): ConnectionOptions | undefined {
  if (given(env, 'KAFKA_SSL') !== 'true') return undefined;
  const caFile = given(env, 'KAFKA_SSL_CA_FILE');
  return { rejectUnauthorized: true, ...(caFile === undefined ? {} : { ca: [readFileSync(caFile, 'utf8')] }) };
}

/** The connection settings every kafkajs client of the project adds: SASL, and TLS when `KAFKA_SSL=true`. */
export function kafkaConnectionOptions(env: Env = process.env): { sasl?: SASLOptions; ssl?: ConnectionOptions } {
  const sasl = saslOptions(kafkaAuthenticationFromEnv(env));
  const ssl = kafkaTls(env);
  return { ...(sasl ? { sasl } : {}), ...(ssl ? { ssl } : {}) };
}
