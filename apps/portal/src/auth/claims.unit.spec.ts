import { describe, expect, it } from '@jest/globals';
import { hasAnyRole, principalOfAccessToken } from './claims.js';

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (claims: object) => `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}.signature`;

describe('who is signed in, from the Keycloak access token', () => {
  it('reads realm roles, territory and name as the services do', () => {
    const principal = principalOfAccessToken(
      token({
        sub: 'ac65a843',
        preferred_username: 'ars.cvl',
        name: 'Agnès Centre-Val-de-Loire',
        exp: 1_800_000_000,
        realm_access: { roles: ['offline_access', 'caseworker-ars', 'default-roles-guichet'] },
        territory: { regions: ['24'] },
      }),
    );
    expect(principal).toEqual({
      id: 'ac65a843',
      username: 'ars.cvl',
      displayName: 'Agnès Centre-Val-de-Loire',
      roles: ['caseworker-ars'],
      regions: ['24'],
      departements: [],
      expiresAt: 1_800_000_000,
    });
    expect(hasAnyRole(principal, ['caseworker-ars', 'caseworker-cpam'])).toBe(true);
    expect(hasAnyRole(principal, ['candidate'])).toBe(false);
  });

  it('falls back to the user name when the token has no name', () => {
    expect(principalOfAccessToken(token({ sub: 'x', preferred_username: 'interne.demo' })).displayName).toBe('interne.demo');
  });
});
