import { describe, expect, it } from '@jest/globals';
import { commonEnv, loadConfig } from './load-config.js';
import { PRODUCTION_RULES, ProductionRefused, productionRefusals } from './production-mode.js';

/** A production start with every setting a region would give: nothing to refuse. */
const production: Record<string, string> = {
  GUICHET_ENV: 'production',
  SERVICE_NAME: 'intake',
  PORT: '3001',
  KAFKA_BROKERS: 'kafka-1.region.example:9093',
  KAFKA_SASL_MECHANISM: 'OAUTHBEARER',
  KAFKA_CLIENT_ID: 'svc-intake',
  KAFKA_CLIENT_SECRET: 'Kf7-long-random',
  KAFKA_SSL: 'true',
  KAFKA_SSL_CA_FILE: '/run/secrets/kafka-ca.pem',
  MONGODB_URI: 'mongodb://guichet_intake:Zq8-long-random@mongo.region.example:27017/?authSource=admin',
  MONGODB_DB: 'guichet_intake',
  KEYCLOAK_URL: 'https://auth.region.example',
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  DESK_REGIONS: '24',
  TOKEN_AUDIENCE: 'guichet-api',
  PARTNER_FAMILIES: 'partner-ars:ars,partner-cpam:cpam',
  WEBHOOK_ALLOWED_CIDRS: '',
  WEBHOOK_LOOPBACK_TEST_MODE: 'false',
  PORTAL_URL: 'https://guichet.region.example',
  SMTP_URL: 'smtps://guichet:Relay-long-random@relay.region.example:465',
  PARTNER_DIRECTORY_CLIENT_ID: 'notifications',
  PARTNER_DIRECTORY_CLIENT_SECRET: 'Pd4-long-random',
};

const everySetting = new Set([...Object.keys(production), ...PRODUCTION_RULES.map((rule) => rule.setting)]);

describe('production mode', () => {
  it('accepts a production start without any demo default', () => {
    expect(productionRefusals(production, everySetting)).toEqual([]);
  });

  // One demo default per row: the start is refused, naming that setting and only it.
  it.each([
    ['demo zoning seeding', { DEMO_ZONING_REGIONS: '24' }, 'DEMO_ZONING_REGIONS'],
    ['demo offers seeding', { DEMO_OFFERS: 'true' }, 'DEMO_OFFERS'],
    ['the demo desk region taken by default', { DESK_REGIONS: undefined }, 'DESK_REGIONS'],
    ['the password-grant test client as audience', { TOKEN_AUDIENCE: 'guichet-test' }, 'TOKEN_AUDIENCE'],
    ['a test client among the partners', { PARTNER_FAMILIES: 'partner-ars:ars,guichet-test:cpam' }, 'PARTNER_FAMILIES'],
    ['the demo partner secret', { PARTNER_CLIENT_SECRET: 'partner-secret' }, 'PARTNER_CLIENT_SECRET'],
    ['the demo admin password', { KC_BOOTSTRAP_ADMIN_PASSWORD: 'admin' }, 'KC_BOOTSTRAP_ADMIN_PASSWORD'],
    ['webhook loopback test mode', { WEBHOOK_LOOPBACK_TEST_MODE: 'true' }, 'WEBHOOK_LOOPBACK_TEST_MODE'],
    ['a private allowed range', { WEBHOOK_ALLOWED_CIDRS: '10.20.0.0/16' }, 'WEBHOOK_ALLOWED_CIDRS'],
    ['a range holding a private one', { WEBHOOK_ALLOWED_CIDRS: '8.0.0.0/4' }, 'WEBHOOK_ALLOWED_CIDRS'],
    ['every address allowed', { WEBHOOK_ALLOWED_CIDRS: '0.0.0.0/0' }, 'WEBHOOK_ALLOWED_CIDRS'],
    ['a private IPv6 range', { WEBHOOK_ALLOWED_CIDRS: 'fd00:1::/32' }, 'WEBHOOK_ALLOWED_CIDRS'],
    ['a non-https issuer and JWKS', { KEYCLOAK_URL: 'http://auth.region.example' }, 'KEYCLOAK_URL'],
    ['a Kafka without SASL', { KAFKA_SASL_MECHANISM: undefined }, 'KAFKA_SASL_MECHANISM'],
    ['a service on Kafka with the operator’s SCRAM account', { KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512' }, 'KAFKA_SASL_MECHANISM'],
    ['the demo service secret for Kafka', { KAFKA_CLIENT_SECRET: 'service-secret' }, 'KAFKA_CLIENT_SECRET'],
    ['a Kafka without TLS (SASL_PLAINTEXT)', { KAFKA_SSL: undefined }, 'KAFKA_SSL'],
    ['a Kafka with TLS turned off', { KAFKA_SSL: 'false' }, 'KAFKA_SSL'],
    ['notifications without the partner directory client', { PARTNER_DIRECTORY_CLIENT_SECRET: undefined }, 'PARTNER_DIRECTORY_CLIENT_SECRET'],
    ['the demo partner directory secret', { PARTNER_DIRECTORY_CLIENT_SECRET: 'directory-secret' }, 'PARTNER_DIRECTORY_CLIENT_SECRET'],
    ['a missing encryption key', { DATA_ENCRYPTION_KEY: undefined }, 'DATA_ENCRYPTION_KEY'],
    ['a MongoDB URI without credentials', { MONGODB_URI: 'mongodb://mongo.region.example:27017' }, 'MONGODB_URI'],
    ['a MongoDB URI whose password is the demo one', { MONGODB_URI: 'mongodb://root:admin@mongo.region.example:27017' }, 'MONGODB_URI'],
    ['a plain-http portal in the e-mails', { PORTAL_URL: 'http://127.0.0.1:5173' }, 'PORTAL_URL'],
    ['the local demo mail sink', { SMTP_URL: 'smtp://127.0.0.1:12525' }, 'SMTP_URL'],
    ['the local demo mailbox', { SMTP_URL: 'smtp://127.0.0.1:11025' }, 'SMTP_URL'],
    ['a mail relay without authentication', { SMTP_URL: 'smtps://relay.region.example:465' }, 'SMTP_URL'],
    ['a mail relay without TLS', { SMTP_URL: 'smtp://guichet:Relay-long-random@relay.region.example:587' }, 'SMTP_URL'],
  ])('refuses %s', (_name, change, setting) => {
    const env: Record<string, string | undefined> = { ...production, ...change };
    expect(productionRefusals(env, everySetting)).toEqual([{ setting, reason: expect.any(String) }]);
  });

  it('accepts a relay that makes STARTTLS mandatory', () => {
    const starttls = 'smtp://guichet:Relay-long-random@relay.region.example:587?requireTLS=true';
    expect(productionRefusals({ ...production, SMTP_URL: starttls }, everySetting)).toEqual([]);
  });

  it('allows a deliberately opened public range', () => {
    expect(productionRefusals({ ...production, WEBHOOK_ALLOWED_CIDRS: '203.0.113.0/24' }, everySetting)).toEqual([]);
  });

  it('refuses nothing outside production mode', () => {
    expect(productionRefusals({ ...production, GUICHET_ENV: 'demo', DEMO_ZONING_REGIONS: '24', KEYCLOAK_URL: 'http://127.0.0.1:18080' }, everySetting)).toEqual([]);
  });

  it('applies only the rules of the settings a service declares', () => {
    expect(productionRefusals({ ...production, WEBHOOK_LOOPBACK_TEST_MODE: 'true' }, new Set(['KEYCLOAK_URL']))).toEqual([]);
  });

  it('tells each refused setting on one line naming the mode', () => {
    const error = new ProductionRefused(productionRefusals({ ...production, DEMO_ZONING_REGIONS: '24', MONGODB_URI: 'mongodb://mongo:27017' }, everySetting));
    const lines = error.message.split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^GUICHET_ENV=production : démarrage refusé, DEMO_ZONING_REGIONS /),
      expect.stringMatching(/^GUICHET_ENV=production : démarrage refusé, MONGODB_URI /),
    ]);
  });

  it('is applied by loadConfig before anything else is read', () => {
    expect(() => loadConfig(commonEnv, { ...production, KEYCLOAK_URL: 'http://auth.region.example' })).toThrow(/^GUICHET_ENV=production : démarrage refusé, KEYCLOAK_URL /);
    expect(loadConfig(commonEnv, production).GUICHET_ENV).toBe('production');
  });

  it('refuses an encryption key that is not 32 bytes', () => {
    expect(() => loadConfig(commonEnv, { ...production, DATA_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/DATA_ENCRYPTION_KEY : clé de 32 octets/);
  });
});
