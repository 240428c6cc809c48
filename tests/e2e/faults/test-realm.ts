import { demoRealm } from '../../../infra/keycloak/demo-realm.mjs';
import { keycloakAdminToken } from '../../harness/tokens.js';
const password = 'faults';

/**
 * A throw-away copy of the `guichet` realm in the real Keycloak, holding as many candidates as a
 * fault run submits requests: a candidate has one open draft at a time, so each request needs an
 * identity of its own. One hash iteration and long-lived tokens: these accounts live minutes.
 */
export interface TestRealm {
  name: string;
  usernames: readonly string[];
  token(username: string): Promise<string>;
  remove(): Promise<void>;
}

interface RealmUser {
  username: string;
  realmRoles?: string[];
  [key: string]: unknown;
}

function candidate(username: string, index: number): RealmUser {
  return {
    username,
    enabled: true,
    emailVerified: true,
    firstName: 'Candidate',
    lastName: `Faults${index}`,
    email: `${username}@faults.example`,
    credentials: [{ type: 'password', value: password, temporary: false }],
    realmRoles: ['candidate'],
    requiredActions: [],
  };
}

export async function createTestRealm(keycloakUrl: string, name: string, candidates: number): Promise<TestRealm> {
  const base = keycloakUrl.replace(/\/+$/, '');
  const template = demoRealm({ resolved: true });
  const usernames = Array.from({ length: candidates }, (_, i) => `candidate.${String(i).padStart(5, '0')}`);
  const realm = {
    ...template,
    realm: name,
    displayName: `Tests de pannes ${name}`,
    accessTokenLifespan: 3600,
    bruteForceProtected: false,
    passwordPolicy: 'hashIterations(1)',
    users: usernames.map(candidate),
  };
  let admin = await keycloakAdminToken(base);
  const created = await fetch(`${base}/admin/realms`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify(realm),
    signal: AbortSignal.timeout(600_000),
  });
  if (created.status !== 201) throw new Error(`Keycloak refused the test realm ${name}: ${created.status} ${await created.text()}`);
  const tokenEndpoint = `${base}/realms/${name}/protocol/openid-connect/token`;
  return {
    name,
    usernames,
    async token(username) {
      const response = await fetch(tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', client_id: 'guichet-test', username, password, scope: 'openid' }),
      });
      const body = (await response.json().catch(() => ({}))) as { access_token?: unknown };
      if (!response.ok || typeof body.access_token !== 'string') throw new Error(`no token for ${username} in ${name}: ${response.status}`);
      return body.access_token;
    },
    async remove() {
      admin = await keycloakAdminToken(base);
      await fetch(`${base}/admin/realms/${name}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
    },
  };
}

/** Tokens for every user, a few at a time (Keycloak shares the two cores with everything else). */
export async function tokensFor(realm: TestRealm, concurrency = 4): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < realm.usernames.length) {
      const username = realm.usernames[next++] as string;
      tokens.set(username, await realm.token(username));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return tokens;
}
