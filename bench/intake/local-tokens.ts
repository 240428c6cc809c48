import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/**
 * Access tokens for many virtual candidates, signed RS256 by a key of the benchmark: Keycloak has
 * two demo candidates, a load of thousands of distinct candidates needs as many `sub`. The
 * service verifies them exactly as Keycloak's (signature, issuer, audience, expiry), against
 * this key instead of the realm's JWKS.
 */
export interface TokenIssuer {
  jwk: JWK;
  issuer: string;
  sign(subject: string): Promise<string>;
}

export async function tokenIssuer(issuer: string, audience = 'guichet-api'): Promise<TokenIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' };
  return {
    jwk,
    issuer,
    sign: (subject) =>
      new SignJWT({ typ: 'Bearer', azp: 'bench', preferred_username: subject, realm_access: { roles: ['candidate'] } })
        .setProtectedHeader({ alg: 'RS256', kid: 'bench' })
        .setSubject(subject)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('2h')
        .sign(privateKey),
  };
}
