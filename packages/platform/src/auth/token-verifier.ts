import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { isRole, type Principal } from './principal.js';

export interface TokenVerifierOptions {
  keycloakUrl: string;
  realm: string;
  audience: string;
  /** Tolerated clock skew between Keycloak and this host, in seconds. */
  clockToleranceSeconds?: number;
}

export type VerificationFailure = 'expired' | 'invalid-signature' | 'wrong-audience' | 'wrong-issuer' | 'malformed';

export class TokenRejected extends Error {
  constructor(
    readonly reason: VerificationFailure,
    cause: unknown,
  ) {
    super(`jeton refusé : ${reason}`, { cause });
    this.name = 'TokenRejected';
  }
}

export interface TokenVerifier {
  readonly issuer: string;
  /** `now` replaces the clock for expiry checks (tests, replays). */
  verify(token: string, now?: Date): Promise<Principal>;
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

export function principalFromClaims(claims: JWTPayload): Principal {
  const territory = record(claims['territory']);
  const subject = claims.sub ?? '';
  return {
    subject,
    username: typeof claims['preferred_username'] === 'string' ? claims['preferred_username'] : subject,
    ...(typeof claims['name'] === 'string' && claims['name'] !== '' ? { displayName: claims['name'] } : {}),
    clientId: typeof claims['azp'] === 'string' ? claims['azp'] : '',
    roles: stringList(record(claims['realm_access'])['roles']).filter(isRole),
    territory: { regions: stringList(territory['regions']), departements: stringList(territory['departements']) },
    ...(typeof claims['organisation'] === 'string' && claims['organisation'] !== '' ? { organisation: claims['organisation'] } : {}),
  };
}

// Undefined means "could not check" (JWKS unreachable): not the caller's fault, so not a 401.
function classify(error: unknown): VerificationFailure | undefined {
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) return undefined;
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) return error.claim === 'aud' ? 'wrong-audience' : error.claim === 'iss' ? 'wrong-issuer' : 'malformed';
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) return 'invalid-signature';
  return 'malformed';
}

/** Verifies with an explicit key source; `createTokenVerifier` plugs in the realm's JWKS. */
export function createVerifierWithKeys(keys: JWTVerifyGetKey, issuer: string, audience: string, clockToleranceSeconds = 5): TokenVerifier {
  return {
    issuer,
    async verify(token, now) {
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer,
          audience,
          algorithms: ['RS256'],
          clockTolerance: clockToleranceSeconds,
          requiredClaims: ['exp', 'sub'],
          ...(now === undefined ? {} : { currentDate: now }),
        });
        // Keycloak marks access tokens `Bearer`; ID and refresh tokens must not pass as them.
        if (payload['typ'] !== undefined && payload['typ'] !== 'Bearer') throw new TokenRejected('malformed', new Error(`typ ${String(payload['typ'])}`));
        return principalFromClaims(payload);
      } catch (error) {
        if (error instanceof TokenRejected) throw error;
        const reason = classify(error);
        throw reason === undefined ? error : new TokenRejected(reason, error);
      }
    },
  };
}

export function createTokenVerifier({ keycloakUrl, realm, audience, clockToleranceSeconds }: TokenVerifierOptions): TokenVerifier {
  const issuer = `${keycloakUrl.replace(/\/+$/, '')}/realms/${realm}`;
  const jwks = createRemoteJWKSet(new URL(`${issuer}/protocol/openid-connect/certs`));
  return createVerifierWithKeys(jwks, issuer, audience, clockToleranceSeconds);
}
