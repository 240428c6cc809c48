import { beforeAll, describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { createVerifierWithKeys, TokenRejected, type TokenVerifier } from './token-verifier.js';

const issuer = 'http://127.0.0.1:18080/realms/guichet';
const claims: JWTPayload = {
  sub: 'f3c1',
  azp: 'dashboard',
  preferred_username: 'cpam.37',
  realm_access: { roles: ['default-roles-guichet', 'caseworker-cpam', 'offline_access'] },
  territory: { regions: ['24'], departements: '37' },
};

let realmKey: CryptoKey;
let otherKey: CryptoKey;
let verifier: TokenVerifier;

const sign = (key: CryptoKey, payload: JWTPayload = claims, audience: string | string[] = ['guichet-api', 'account'], expiresAt = '5m') =>
  new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'realm' }).setIssuer(issuer).setAudience(audience).setIssuedAt().setExpirationTime(expiresAt).sign(key);

const rejection = async (token: string, now?: Date) => {
  try {
    await verifier.verify(token, now);
  } catch (error) {
    return error instanceof TokenRejected ? error.reason : error;
  }
  return 'accepted';
};

beforeAll(async () => {
  const realm = await generateKeyPair('RS256');
  realmKey = realm.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(realm.publicKey)), kid: 'realm', alg: 'RS256' }] });
  verifier = createVerifierWithKeys(jwks, issuer, 'guichet-api');
});

describe('token verification', () => {
  it('turns a valid token into a principal with known roles and territory only', async () => {
    await expect(verifier.verify(await sign(realmKey))).resolves.toEqual({
      subject: 'f3c1',
      username: 'cpam.37',
      clientId: 'dashboard',
      roles: ['caseworker-cpam'],
      territory: { regions: ['24'], departements: ['37'] },
    });
  });

  it('carries the person’s display name when the token has a name claim', async () => {
    const principal = await verifier.verify(await sign(realmKey, { ...claims, name: 'Claire Dubois' }));
    expect(principal.displayName).toBe('Claire Dubois');
  });

  it('refuses expired, forged, foreign and tampered tokens with a reason', async () => {
    const valid = await sign(realmKey);
    const [header, , signature] = valid.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, iss: issuer, aud: 'guichet-api', exp: 9999999999, realm_access: { roles: ['admin'] } })).toString('base64url')}.${signature}`;
    expect(await rejection(valid, new Date(Date.now() + 3600_000))).toBe('expired');
    expect(await rejection(await sign(otherKey))).toBe('invalid-signature');
    expect(await rejection(tampered)).toBe('invalid-signature');
    expect(await rejection(await sign(realmKey, claims, 'other-app'))).toBe('wrong-audience');
    expect(await rejection('pas.un.jeton')).toBe('malformed');
  });
});
