import { decodeJwt } from 'jose';

export type Role = 'candidate' | 'caseworker-ars' | 'caseworker-cpam' | 'ordre' | 'collectivite' | 'offer-publisher' | 'partner' | 'admin';

/** What the portal needs to know of the person signed in, read from the access token. */
export interface Principal {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  regions: string[];
  departements: string[];
  expiresAt: number | null;
}

const knownRoles: readonly Role[] = ['candidate', 'caseworker-ars', 'caseworker-cpam', 'ordre', 'collectivite', 'offer-publisher', 'partner', 'admin'];

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** Realm roles and territory claims of a Keycloak access token (the services read the same ones). */
export function principalOfAccessToken(accessToken: string): Principal {
  const claims = decodeJwt(accessToken);
  const roles = strings(record(claims.realm_access).roles).filter((role): role is Role => (knownRoles as readonly string[]).includes(role));
  const territory = record(claims.territory);
  const given = typeof claims.given_name === 'string' ? claims.given_name : '';
  const family = typeof claims.family_name === 'string' ? claims.family_name : '';
  const username = typeof claims.preferred_username === 'string' ? claims.preferred_username : (claims.sub ?? '');
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name : `${given} ${family}`.trim();
  return {
    id: claims.sub ?? '',
    username,
    displayName: name || username,
    roles,
    regions: strings(territory.regions),
    departements: strings(territory.departements),
    expiresAt: typeof claims.exp === 'number' ? claims.exp : null,
  };
}

export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}
