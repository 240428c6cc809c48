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
  serviceAccountsEnabled?: boolean;
  secret?: string;
  redirectUris?: string[];
}
interface Group {
  name: string;
  path?: string;
  realmRoles?: string[];
}
interface Realm {
  users?: unknown[];
  clients: Client[];
  bruteForceProtected?: boolean;
  passwordPolicy?: string;
  registrationAllowed?: boolean;
  registrationEmailAsUsername?: boolean;
  verifyEmail?: boolean;
  resetPasswordAllowed?: boolean;
  loginTheme?: string;
  defaultLocale?: string;
  supportedLocales?: string[];
  internationalizationEnabled?: boolean;
  smtpServer?: Record<string, string>;
  groups?: Group[];
  defaultGroups?: string[];
}

const production = JSON.parse(readFileSync(productionRealmFile, 'utf8')) as Realm;
const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)\}/g)].map((match) => match[1] as string))].sort();

describe('production realm', () => {
  it('has no people, no test clients and no password grants', () => {
    // Keycloak puts a service account it creates itself in the default groups, so a partner's or a
    // service's client would hold the candidates' role; the realm declares them, in no group.
    const serviceClients = production.clients.filter((client) => client.serviceAccountsEnabled === true).map((client) => client.clientId);
    expect(production.users).toEqual(serviceClients.map((clientId) => ({ username: `service-account-${clientId}`, enabled: true, serviceAccountClientId: clientId, groups: [] })));
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

  it('lets candidates create their account with a confirmed e-mail and reset their password, in French, on the DSFR theme', () => {
    expect(production).toMatchObject({
      registrationAllowed: true,
      registrationEmailAsUsername: true,
      verifyEmail: true,
      resetPasswordAllowed: true,
      loginTheme: 'guichet',
      internationalizationEnabled: true,
      defaultLocale: 'fr',
      supportedLocales: ['fr'],
    });
  });

  it('makes a self-registered account a candidate through a default group, never through the default roles every staff account holds', () => {
    const candidates = production.groups?.find((group) => group.realmRoles?.includes('candidate'));
    expect(candidates?.realmRoles).toEqual(['candidate']);
    expect(production.defaultGroups).toEqual([candidates?.path]);
    expect(JSON.stringify((production as unknown as { defaultRole?: unknown }).defaultRole ?? {})).not.toContain('candidate');
  });

  it('sends its e-mails through the relay it is given, authenticated and over STARTTLS', () => {
    expect(production.smtpServer).toEqual({
      host: '${KEYCLOAK_SMTP_HOST}',
      port: '${KEYCLOAK_SMTP_PORT}',
      from: '${KEYCLOAK_SMTP_FROM}',
      fromDisplayName: 'Guichet Installation Santé',
      auth: 'true',
      user: '${KEYCLOAK_SMTP_USERNAME}',
      password: '${KEYCLOAK_SMTP_PASSWORD}',
      starttls: 'true',
      ssl: 'false',
    });
  });

  it('gets each of its placeholders from docker-compose, required there, and the demo its own values', () => {
    const needed = placeholders(readFileSync(productionRealmFile, 'utf8'));
    // The demo import replaces the SMTP settings (Mailpit) instead of filling their placeholders.
    expect(Object.keys(demoEnvironment()).sort()).toEqual(needed.filter((name) => !name.startsWith('KEYCLOAK_SMTP_')));
    expect(Object.keys(demoEnvironment())).toEqual(expect.arrayContaining(placeholders(JSON.stringify(demoRealm()))));
    const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8')) as { services: Record<string, { environment?: Record<string, string> }> };
    const environment = compose.services['keycloak']?.environment ?? {};
    expect(Object.keys(environment)).toEqual(expect.arrayContaining(needed));
    // `${NAME:?message}`: compose stops when one is missing, none has a demo default.
    for (const name of needed) expect({ name, value: environment[name] }).toEqual({ name, value: expect.stringMatching(/^\$\{[A-Z][A-Z0-9_]*:\?[^}]+\}$/) });
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

  it('sends its e-mails to the local mailbox (Mailpit, SMTP 127.0.0.1:11025)', () => {
    expect(demo.smtpServer).toMatchObject({ host: '127.0.0.1', port: '11025', auth: 'false' });
  });
});
