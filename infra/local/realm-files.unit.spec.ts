import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { demoEnvironment, demoRealm, productionRealmFile } from '../keycloak/demo-realm.mjs';

// The realm a region imports (infra/keycloak/realm-guichet.json) against the demo one `npm start`
// and the tests import (the same with infra/keycloak/demo/realm-guichet-demo.json laid over it).

interface Client {
  clientId: string;
  publicClient?: boolean;
  directAccessGrantsEnabled?: boolean;
  secret?: string;
  redirectUris?: string[];
}
interface Realm {
  users?: unknown[];
  clients: Client[];
  bruteForceProtected?: boolean;
  passwordPolicy?: string;
}

const production = JSON.parse(readFileSync(productionRealmFile, 'utf8')) as Realm;
const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)\}/g)].map((match) => match[1] as string))].sort();

describe('production realm', () => {
  it('has no users, no test clients and no password grants', () => {
    expect(production.users ?? []).toEqual([]);
    expect(production.clients.map((client) => client.clientId)).not.toEqual(expect.arrayContaining(['guichet-test']));
    expect(production.clients.filter((client) => client.directAccessGrantsEnabled === true).map((client) => client.clientId)).toEqual([]);
  });

  it('takes every client secret from the environment', () => {
    const confidential = production.clients.filter((client) => client.publicClient === false && client.secret !== undefined);
    expect(confidential.length).toBeGreaterThan(0);
    for (const client of confidential) expect({ client: client.clientId, secret: client.secret }).toEqual({ client: client.clientId, secret: expect.stringMatching(/^\$\{[A-Z_]+\}$/) });
  });

  it('redirects only to the portal address it is given', () => {
    const redirects = production.clients.flatMap((client) => client.redirectUris ?? []);
    expect(redirects.length).toBeGreaterThan(0);
    for (const uri of redirects) expect(uri).toBe('${GUICHET_PORTAL_URL}/*');
  });

  it('locks accounts under brute force and sets a password policy', () => {
    expect(production.bruteForceProtected).toBe(true);
    expect(production.passwordPolicy).toMatch(/length\((1[2-9]|[2-9]\d)\)/);
  });

  it('gets each of its placeholders from the demo import and from docker-compose', () => {
    const needed = placeholders(readFileSync(productionRealmFile, 'utf8'));
    expect(Object.keys(demoEnvironment()).sort()).toEqual(needed);
    const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8')) as { services: Record<string, { environment?: Record<string, string> }> };
    expect(Object.keys(compose.services['keycloak']?.environment ?? {})).toEqual(expect.arrayContaining(needed));
  });
});

describe('demo realm', () => {
  const demo = demoRealm({ resolved: true }) as unknown as Realm;

  it('adds the demo users and the test clients, with the secrets the tests use', () => {
    expect((demo.users ?? []).length).toBeGreaterThan(0);
    expect(demo.clients.map((client) => client.clientId)).toEqual(expect.arrayContaining(['guichet-test', 'other-app', 'partner-ars']));
    expect(demo.clients.find((client) => client.clientId === 'partner-ars')?.secret).toBe('partner-secret');
    expect(placeholders(JSON.stringify(demo))).toEqual([]);
  });
});
