// The realm `npm start` and the tests import: the production realm (realm-guichet.json: roles,
// clients, scopes, no users, secrets as `${NAME}` placeholders) with the demo import
// (demo/realm-guichet-demo.json: test clients, local portal origins, demo users) laid over it.
// Plain Node, no dependency: the local stack runs it before `npm ci`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const productionRealmFile = fileURLToPath(new URL('realm-guichet.json', import.meta.url));
export const demoImportFile = fileURLToPath(new URL('demo/realm-guichet-demo.json', import.meta.url));

const read = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Values of the production realm's placeholders for the demo (partner secrets, territories, portal origin). */
export function demoEnvironment() {
  return { ...read(demoImportFile).environment };
}

/** Replaces `${NAME}` in every string as Keycloak does at import; names not given are left as they are. */
export function resolvePlaceholders(value, environment) {
  if (typeof value === 'string') return value.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (whole, name) => environment[name] ?? whole);
  if (Array.isArray(value)) return value.map((item) => resolvePlaceholders(item, environment));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolvePlaceholders(item, environment)]));
  return value;
}

/**
 * The demo realm. Placeholders stay for Keycloak to resolve from `demoEnvironment()` at import
 * (the same path as a production import), unless `resolved` asks for them filled here (the admin
 * API, which creates a realm from JSON, does not resolve them).
 */
export function demoRealm({ resolved = false } = {}) {
  const realm = read(productionRealmFile);
  const demo = read(demoImportFile);
  const demoClient = (clientId) => demo.clients.find((client) => client.clientId === clientId);
  const clients = [
    ...realm.clients.map((client) => ({ ...client, ...demoClient(client.clientId) })),
    ...demo.clients.filter((client) => !realm.clients.some((known) => known.clientId === client.clientId)),
  ];
  const merged = { ...realm, ...demo.realm, clients, users: [...(realm.users ?? []), ...demo.users] };
  return resolved ? resolvePlaceholders(merged, demo.environment) : merged;
}
