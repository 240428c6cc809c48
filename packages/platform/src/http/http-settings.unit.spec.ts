import { describe, expect, it } from '@jest/globals';
import { ConfigError, commonEnv, loadConfig } from '../config/load-config.js';

const base = { SERVICE_NAME: 'matching', PORT: '3002', KAFKA_BROKERS: '127.0.0.1:19092', MONGODB_URI: 'mongodb://127.0.0.1:27117', MONGODB_DB: 'guichet_matching', KEYCLOAK_URL: 'http://127.0.0.1:18080' };
const trust = (TRUST_PROXY?: string) => loadConfig(commonEnv, { ...base, ...(TRUST_PROXY === undefined ? {} : { TRUST_PROXY }) }).TRUST_PROXY;

describe('TRUST_PROXY', () => {
  it('trusts no proxy unless told, then a number of hops or a list of addresses and ranges', () => {
    expect(trust()).toBeUndefined();
    expect(trust('1')).toBe(1);
    expect(trust('loopback, 10.0.0.0/8, ::1')).toEqual(['loopback', '10.0.0.0/8', '::1']);
  });

  it('refuses to trust every hop, and what is not an address', () => {
    expect(() => trust('true')).toThrow(ConfigError);
    expect(() => trust('loopback, proxy.interne')).toThrow(/refusé : proxy\.interne/);
  });
});
