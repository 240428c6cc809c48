import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

interface Service {
  command?: string[];
  volumes?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  build?: { dockerfile?: string };
}

const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

describe('docker-compose.yml as a region runs it', () => {
  it('keeps the database behind authentication, with no published port', () => {
    expect(services['mongo']?.ports ?? []).toEqual([]);
    expect(services['mongo']?.environment).toEqual({ MONGO_INITDB_ROOT_USERNAME: expect.stringMatching(/^\$\{/), MONGO_INITDB_ROOT_PASSWORD: expect.stringMatching(/^\$\{/) });
    expect(services['keycloak-db']?.ports ?? []).toEqual([]);
  });

  it('runs Keycloak in production mode on its public hostname', () => {
    const command = services['keycloak']?.command ?? [];
    expect(command[0]).toBe('start');
    expect(command).toEqual(expect.arrayContaining([expect.stringMatching(/^--hostname=\$\{KEYCLOAK_PUBLIC_URL/), '--import-realm']));
  });

  it('builds Keycloak with the login theme, from the same script as the local stack', () => {
    expect(services['keycloak']?.build?.dockerfile).toBe('infra/docker/keycloak.Dockerfile');
    const dockerfile = readFileSync(new URL('../../infra/docker/keycloak.Dockerfile', import.meta.url), 'utf8');
    expect(dockerfile).toMatch(/^RUN node infra\/local\/lib\/keycloak-theme\.mjs /m);
    expect(dockerfile).toMatch(/^FROM quay\.io\/keycloak\/keycloak:26\.4\.5$/m);
  });

  it('starts every service in production mode, with credentials and keys from the environment', () => {
    const built = Object.entries(services).filter(([, service]) => service.build?.dockerfile === 'infra/docker/service.Dockerfile');
    expect(built.map(([name]) => name).sort()).toEqual(['intake', 'matching', 'notifications']);
    for (const [name, service] of built) {
      const env = service.environment ?? {};
      expect({ name, mode: env['GUICHET_ENV'], mongo: env['MONGODB_URI'], key: env['DATA_ENCRYPTION_KEY'] }).toEqual({
        name,
        mode: 'production',
        mongo: expect.stringMatching(/^mongodb:\/\/\$\{MONGO_ROOT_USERNAME[^}]*\}:\$\{MONGO_ROOT_PASSWORD[^}]*\}@/),
        key: expect.stringMatching(/^\$\{DATA_ENCRYPTION_KEY:\?/),
      });
    }
  });

  it('reaches Kafka over TLS only (SASL_SSL), the broker checked against the region’s authority', () => {
    const broker = services['kafka']?.environment ?? {};
    const protocols = String(broker['KAFKA_LISTENER_SECURITY_PROTOCOL_MAP']).split(',').map((pair) => pair.split(':')[1]);
    expect(new Set(protocols)).toEqual(new Set(['SASL_SSL']));
    expect(broker['KAFKA_ADVERTISED_LISTENERS']).toBe('SASL_SSL://kafka:9092');
    expect(broker['KAFKA_SSL_KEYSTORE_LOCATION']).toMatch(/^\/etc\/kafka\/tls\//);
    expect(services['kafka']?.volumes).toEqual(expect.arrayContaining([expect.stringMatching(/^\$\{KAFKA_TLS_DIR:\?[^}]+\}:\/etc\/kafka\/tls:ro$/)]));
    for (const name of ['kafka-init', 'intake', 'matching', 'notifications']) {
      const service = services[name];
      expect({ name, ssl: service?.environment?.['KAFKA_SSL'], ca: service?.environment?.['KAFKA_SSL_CA_FILE'] }).toEqual({ name, ssl: 'true', ca: '/etc/guichet/kafka-ca.pem' });
      expect(service?.volumes).toEqual(expect.arrayContaining([expect.stringMatching(/^\$\{KAFKA_TLS_DIR:\?[^}]+\}\/ca\.pem:\/etc\/guichet\/kafka-ca\.pem:ro$/)]));
    }
  });

  it('gives notifications the realm’s partner directory client', () => {
    expect(services['notifications']?.environment?.['PARTNER_DIRECTORY_CLIENT_SECRET']).toMatch(/^\$\{PARTNER_DIRECTORY_SECRET:\?/);
    expect(services['keycloak']?.environment?.['PARTNER_DIRECTORY_SECRET']).toMatch(/^\$\{PARTNER_DIRECTORY_SECRET:\?/);
  });
});
