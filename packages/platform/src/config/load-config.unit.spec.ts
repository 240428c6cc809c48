import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { commonEnv, ConfigError, loadConfig } from './load-config.js';

const valid = {
  SERVICE_NAME: 'intake',
  PORT: '3001',
  KAFKA_BROKERS: '127.0.0.1:19092, 127.0.0.1:19093',
  MONGODB_URI: 'mongodb://127.0.0.1:27117',
  MONGODB_DB: 'guichet_intake',
  KEYCLOAK_URL: 'http://127.0.0.1:18080',
};

describe('loadConfig', () => {
  it('returns typed values with defaults applied', () => {
    const config = loadConfig(commonEnv, valid);
    expect(config).toEqual({
      ...valid,
      PORT: 3001,
      KAFKA_BROKERS: ['127.0.0.1:19092', '127.0.0.1:19093'],
      GUICHET_ENV: 'demo',
      KEYCLOAK_REALM: 'guichet',
      TOKEN_AUDIENCE: 'guichet-api',
      LOG_LEVEL: 'info',
      // Metrics are read from the machine itself unless the deployment says otherwise.
      METRICS_HOST: '127.0.0.1',
      HTTP_REQUEST_TIMEOUT_MS: 30_000,
      HTTP_HEADERS_TIMEOUT_MS: 10_000,
    });
  });

  it('lists every missing or invalid variable in one error', () => {
    const attempt = () => loadConfig(commonEnv, { ...valid, PORT: 'abc', MONGODB_URI: 'postgres://x', KEYCLOAK_URL: '', SERVICE_NAME: undefined });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(4);
      expect(problems).toEqual(
        expect.arrayContaining([
          'SERVICE_NAME : variable manquante',
          'KEYCLOAK_URL : variable manquante',
          expect.stringMatching(/^PORT : /),
          'MONGODB_URI : URI mongodb:// attendue',
        ]),
      );
      expect((error as Error).message).toContain('Configuration invalide (4 variable(s))');
    }
  });

  it('lets a service extend the common variables', () => {
    const schema = commonEnv.extend({ SMTP_PORT: z.coerce.number().int() });
    expect(() => loadConfig(schema, valid)).toThrow(/SMTP_PORT : variable manquante/);
    expect(loadConfig(schema, { ...valid, SMTP_PORT: '12525' }).SMTP_PORT).toBe(12525);
  });
});
