// Access tokens from the real Keycloak (realm `guichet`) for integration and e2e tests.

export const realm = 'guichet';
export const testClientId = 'guichet-test';
export const demoPassword = 'demo';
export const partnerSecret = 'partner-secret';

export function keycloakUrl(): string {
  const url = process.env.KEYCLOAK_URL;
  if (!url) throw new Error('KEYCLOAK_URL is not set: the jest globalSetup (tests/harness/global-setup.ts) did not find the stack');
  return url.replace(/\/+$/, '');
}

/** The `iss` of every token of the realm, as services must check it. */
export function issuer(): string {
  return `${keycloakUrl()}/realms/${realm}`;
}

export function tokenEndpoint(): string {
  return `${issuer()}/protocol/openid-connect/token`;
}

async function requestToken(form: Record<string, string>, who: string): Promise<string> {
  const response = await fetch(tokenEndpoint(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; error?: unknown; error_description?: unknown };
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new Error(`Keycloak refused a token for ${who}: ${response.status} ${String(body.error ?? '')} ${String(body.error_description ?? '')}`.trim());
  }
  return body.access_token;
}

/** Resource-owner password grant for a demo user (all have password `demo`). */
export function passwordToken(username: string, password: string = demoPassword, clientId: string = testClientId): Promise<string> {
  return requestToken({ grant_type: 'password', client_id: clientId, username, password, scope: 'openid' }, `${username} via ${clientId}`);
}

/** Client-credentials grant for a confidential client (the partner clients use `partner-secret`). */
export function clientCredentialsToken(clientId: string, secret: string = partnerSecret): Promise<string> {
  return requestToken({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }, clientId);
}

/** The payload of a JWT, unverified: for asserting what Keycloak put in a token. */
export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** An administrator's token of the local Keycloak (master realm, the bootstrap account the stack starts it with). */
export async function keycloakAdminToken(url: string = keycloakUrl()): Promise<string> {
  const response = await fetch(`${url.replace(/\/+$/, '')}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: process.env.KC_BOOTSTRAP_ADMIN_USERNAME ?? 'admin',
      password: process.env.KC_BOOTSTRAP_ADMIN_PASSWORD ?? 'admin',
    }),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: unknown };
  if (!response.ok || typeof body.access_token !== 'string') throw new Error(`Keycloak admin token refused: ${response.status}`);
  return body.access_token;
}
