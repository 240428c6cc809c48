import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { claimsOf, clientCredentialsToken, issuer, keycloakAdminToken, keycloakUrl, passwordToken, realm } from '../../tests/harness/tokens.js';

// The demo realm (infra/keycloak/realm-guichet.json with infra/keycloak/demo/ laid over it) as imported by the real Keycloak: the claims the
// services rely on (issuer, audience, realm roles, territory, organisation) for each demo user and partner.

interface Expected {
  readonly role: string;
  readonly regions?: readonly string[];
  readonly departements?: readonly string[];
  readonly organisation?: string;
}

const demoUsers: Record<string, Expected> = {
  'interne.demo': { role: 'candidate' },
  'interne2.demo': { role: 'candidate' },
  'ars.cvl': { role: 'caseworker-ars', regions: ['24'], organisation: 'ars-centre-val-de-loire' },
  'ars.idf': { role: 'caseworker-ars', regions: ['11'], organisation: 'ars-ile-de-france' },
  'cpam.37': { role: 'caseworker-cpam', regions: ['24'], departements: ['37'], organisation: 'cpam-37' },
  'ordre.37': { role: 'ordre', departements: ['37'], organisation: 'cdom-37' },
  'mairie.37': { role: 'collectivite', departements: ['37'], organisation: 'commune-chinon' },
  'departement.37': { role: 'collectivite', departements: ['37'], organisation: 'departement-37' },
  'departement.41': { role: 'collectivite', departements: ['41'], organisation: 'departement-41' },
  'departement.18': { role: 'collectivite', departements: ['18'], organisation: 'departement-18' },
  'publisher.37': { role: 'offer-publisher', regions: ['24'], departements: ['37'], organisation: 'tours-metropole' },
  'hopital.37': { role: 'offer-publisher', regions: ['24'], departements: ['37'], organisation: 'chu-tours' },
  'admin.demo': { role: 'admin' },
};

const partners: Record<string, Expected> = {
  'partner-ars': { role: 'partner', regions: ['24'] },
  'partner-cpam': { role: 'partner', departements: ['37'] },
  'partner-ordre': { role: 'partner', departements: ['37'] },
  'partner-collectivite': { role: 'partner', departements: ['37'] },
};

const guichetRoles = ['candidate', 'caseworker-ars', 'caseworker-cpam', 'ordre', 'collectivite', 'offer-publisher', 'partner', 'admin'];

function audiences(claims: Record<string, unknown>): string[] {
  const aud = claims.aud;
  return Array.isArray(aud) ? aud.map(String) : typeof aud === 'string' ? [aud] : [];
}

function summary(claims: Record<string, unknown>) {
  const realmAccess = claims.realm_access as { roles?: string[] } | undefined;
  const territory = (claims.territory ?? {}) as { regions?: unknown; departements?: unknown };
  return {
    iss: claims.iss,
    hasApiAudience: audiences(claims).includes('guichet-api'),
    roles: (realmAccess?.roles ?? []).filter((role) => guichetRoles.includes(role)),
    regions: territory.regions,
    departements: territory.departements,
    organisation: claims.organisation,
    lifetime: Number(claims.exp) - Number(claims.iat),
  };
}

function expected(entry: Expected) {
  return {
    iss: issuer(),
    hasApiAudience: true,
    roles: [entry.role],
    regions: entry.regions,
    departements: entry.departements,
    organisation: entry.organisation,
    lifetime: 300,
  };
}

describe('local Keycloak realm guichet', () => {
  it('publishes its OpenID configuration and signing keys', async () => {
    const configuration = (await (await fetch(`${issuer()}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
    expect(configuration.issuer).toBe(`${keycloakUrl()}/realms/guichet`);
    const jwks = (await (await fetch(configuration.jwks_uri)).json()) as { keys: Array<{ alg?: string; use?: string }> };
    expect(jwks.keys.some((key) => key.alg === 'RS256' && key.use === 'sig')).toBe(true);
  });

  it.each(Object.entries(demoUsers))('issues %s a 5-minute token for guichet-api with its role, territory and organisation', async (username, entry) => {
    expect(summary(claimsOf(await passwordToken(username)))).toEqual(expected(entry));
  });

  it.each(Object.entries(partners))('issues partner client %s a service-account token with its territory', async (clientId, entry) => {
    const claims = claimsOf(await clientCredentialsToken(clientId, 'partner-secret'));
    expect(summary(claims)).toEqual(expected(entry));
    expect(claims.azp).toBe(clientId);
  });

  it('gives tokens of other-app no guichet-api audience', async () => {
    const claims = claimsOf(await passwordToken('ars.cvl', 'demo', 'other-app'));
    expect(audiences(claims)).not.toContain('guichet-api');
  });

  it('refuses a wrong partner secret', async () => {
    await expect(clientCredentialsToken('partner-ars', 'wrong')).rejects.toThrow(/401/);
  });

  async function loginPage(clientId: 'portal' | 'dashboard'): Promise<string> {
    const query = new URLSearchParams({
      client_id: clientId,
      redirect_uri: `http://127.0.0.1:5173/${clientId === 'portal' ? 'candidat' : 'agent'}/connexion`,
      response_type: 'code',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const response = await fetch(`${issuer()}/protocol/openid-connect/auth?${query}`);
    expect(response.status).toBe(200);
    return response.text();
  }

  it('shows its login page in French in the DSFR theme, with account creation for candidates and a forgotten-password link', async () => {
    const portal = await loginPage('portal');
    expect(portal).toContain('<html lang="fr"');
    expect(portal).toMatch(/\/resources\/[^"]+\/login\/guichet\/dsfr\/dsfr\.min\.css/);
    expect(portal).toContain('Se connecter au guichet');
    expect(portal).toMatch(/<a [^>]*href="[^"]*\/login-actions\/registration\?[^"]*"[^>]*>Créer un compte<\/a>|<a [^>]*id="creer-un-compte"[^>]*href="[^"]*registration/);
    expect(portal).toContain('Mot de passe oublié ?');
    const dashboard = await loginPage('dashboard');
    expect(dashboard).not.toContain('Créer un compte');
    expect(dashboard).toContain('ouverts par l’administrateur du guichet');
  });

  it('sends its e-mails to the local mailbox and makes a self-registered account a candidate', async () => {
    const admin = await keycloakAdminToken();
    const settings = (await (await fetch(`${keycloakUrl()}/admin/realms/${realm}`, { headers: { authorization: `Bearer ${admin}` } })).json()) as {
      smtpServer?: Record<string, string>;
      defaultGroups?: string[];
      bruteForceProtected?: boolean;
    };
    expect(settings.smtpServer).toMatchObject({ host: '127.0.0.1', port: '11025' });
    expect(settings.defaultGroups).toEqual(['/candidats']);
    expect(settings.bruteForceProtected).toBe(true);
  });

  // On an account of its own: failures on a demo account would lock it for the other tests.
  it('refuses a wrong password, then locks the account after repeated failures, the right password included', async () => {
    const admin = await keycloakAdminToken();
    // The realm takes the e-mail as username (registrationEmailAsUsername), for accounts an administrator creates too.
    const username = `verrou-${randomUUID().slice(0, 8)}@example.org`;
    const password = `Mot-de-passe-${randomUUID()}`;
    const users = `${keycloakUrl()}/admin/realms/${realm}/users`;
    const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    const created = await fetch(users, {
      method: 'POST',
      headers,
      body: JSON.stringify({ username, enabled: true, email: username, emailVerified: true, firstName: 'Essai', lastName: 'Verrou', credentials: [{ type: 'password', value: password, temporary: false }] }),
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('location') ?? '';
    try {
      await expect(passwordToken(username, password)).resolves.toEqual(expect.any(String));
      for (let attempt = 0; attempt < 12; attempt += 1) await expect(passwordToken(username, 'pas-le-bon')).rejects.toThrow(/401/);
      await expect(passwordToken(username, password)).rejects.toThrow(/401/);
    } finally {
      await fetch(location, { method: 'DELETE', headers });
    }
  });
});
