import { beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPair, SignJWT, decodeProtectedHeader } from 'jose';
import request from 'supertest';
import { claimsOf, clientCredentialsToken, passwordToken } from '../../../tests/harness/tokens.js';
import {
  authenticate,
  createHttpApp,
  createTokenVerifier,
  requireRole,
  type Principal,
  type TokenVerifier,
} from '../src/index.js';
import { memoryLogger, stackEnv } from './support.js';

const users: Array<[string, Principal['roles'], Principal['territory'], string | undefined]> = [
  ['interne.demo', ['candidate'], { regions: [], departements: [] }, undefined],
  ['interne2.demo', ['candidate'], { regions: [], departements: [] }, undefined],
  ['ars.cvl', ['caseworker-ars'], { regions: ['24'], departements: [] }, 'ars-centre-val-de-loire'],
  ['ars.idf', ['caseworker-ars'], { regions: ['11'], departements: [] }, 'ars-ile-de-france'],
  ['cpam.37', ['caseworker-cpam'], { regions: ['24'], departements: ['37'] }, 'cpam-37'],
  ['ordre.37', ['ordre'], { regions: [], departements: ['37'] }, 'cdom-37'],
  ['mairie.37', ['collectivite'], { regions: [], departements: ['37'] }, 'commune-chinon'],
  ['departement.37', ['collectivite'], { regions: [], departements: ['37'] }, 'departement-37'],
  ['publisher.37', ['offer-publisher'], { regions: ['24'], departements: ['37'] }, 'tours-metropole'],
  ['hopital.37', ['offer-publisher'], { regions: ['24'], departements: ['37'] }, 'chu-tours'],
  ['admin.demo', ['admin'], { regions: [], departements: [] }, undefined],
];

const partners: Array<[string, Principal['territory']]> = [
  ['partner-ars', { regions: ['24'], departements: [] }],
  ['partner-cpam', { regions: [], departements: ['37'] }],
  ['partner-ordre', { regions: [], departements: ['37'] }],
  ['partner-collectivite', { regions: [], departements: ['37'] }],
];

const problemOf = (response: request.Response) => ({ status: response.status, type: response.body.type as unknown, contentType: response.type });

describe('access tokens from the real Keycloak', () => {
  let verifier: TokenVerifier;
  const appWith = (tokens: TokenVerifier) =>
    createHttpApp({
      logger: memoryLogger().logger,
      readiness: [],
      routes: (router) => {
        router.get('/me', authenticate(tokens), (req, res) => {
          res.json(req.principal);
        });
        router.get('/cases', authenticate(tokens), requireRole('caseworker-ars', 'caseworker-cpam'), (_req, res) => {
          res.json([]);
        });
      },
    });

  beforeAll(() => {
    verifier = createTokenVerifier({ keycloakUrl: stackEnv().keycloakUrl, realm: 'guichet', audience: 'guichet-api' });
  });

  it.each(users)('accepts %s with its roles, territory and organisation', async (username, roles, territory, organisation) => {
    const token = await passwordToken(username);
    const response = await request(appWith(verifier)).get('/me').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    const claims = claimsOf(token);
    expect(claims['name']).toEqual(expect.any(String));
    expect(response.body).toEqual({ subject: claims['sub'], username, displayName: claims['name'], clientId: 'guichet-test', roles, territory, ...(organisation ? { organisation } : {}) });
  });

  it.each(partners)('accepts the partner client %s with role partner and its territory', async (clientId, territory) => {
    const principal = await verifier.verify(await clientCredentialsToken(clientId));
    expect(principal).toMatchObject({ clientId, username: `service-account-${clientId}`, roles: ['partner'], territory });
  });

  it('refuses a missing token with 401 and a Bearer challenge', async () => {
    const response = await request(appWith(verifier)).get('/cases');
    expect(problemOf(response)).toEqual({ status: 401, type: 'https://guichet-sante.example/problemes/authentification-requise', contentType: 'application/problem+json' });
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="guichet"/);
  });

  it('refuses an expired token with 401', async () => {
    const token = await passwordToken('ars.cvl');
    const afterExpiry = new Date((Number(claimsOf(token)['exp']) + 60) * 1000);
    const clockAfterExpiry: TokenVerifier = { issuer: verifier.issuer, verify: (t) => verifier.verify(t, afterExpiry) };
    const response = await request(appWith(clockAfterExpiry)).get('/cases').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(401);
    expect(response.body.detail).toBe('Votre session a expiré ; reconnectez-vous.');
  });

  it('refuses forged tokens with 401: altered payload, another key, no signature', async () => {
    const token = await passwordToken('interne.demo');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const promoted = Buffer.from(JSON.stringify({ ...claims, realm_access: { roles: ['caseworker-ars'] } })).toString('base64url');
    const altered = `${header}.${promoted}.${signature}`;

    const { privateKey } = await generateKeyPair('RS256');
    const otherKey = await new SignJWT({ ...claims, realm_access: { roles: ['caseworker-ars'] } })
      .setProtectedHeader({ alg: 'RS256', kid: decodeProtectedHeader(token).kid ?? 'x' })
      .sign(privateKey);
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${promoted}.`;

    for (const forged of [altered, otherKey, unsigned]) {
      const response = await request(appWith(verifier)).get('/cases').set('Authorization', `Bearer ${forged}`);
      expect(response.status).toBe(401);
    }
  });

  it('refuses a token issued for another audience with 401', async () => {
    const token = await passwordToken('cpam.37', undefined, 'other-app');
    const response = await request(appWith(verifier)).get('/cases').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(401);
    expect(response.body.detail).toBe("Le jeton d'accès n'est pas destiné à ce service.");
  });

  it('refuses a valid token without the required role with 403', async () => {
    for (const username of ['interne.demo', 'ordre.37']) {
      const token = await passwordToken(username);
      const response = await request(appWith(verifier)).get('/cases').set('Authorization', `Bearer ${token}`);
      expect(problemOf(response)).toEqual({ status: 403, type: 'https://guichet-sante.example/problemes/acces-refuse', contentType: 'application/problem+json' });
    }
    const allowed = await request(appWith(verifier)).get('/cases').set('Authorization', `Bearer ${await passwordToken('cpam.37')}`);
    expect(allowed.status).toBe(200);
  });
});
