import type { Role } from './claims.js';

/** A signed-in part of the portal: its Keycloak client, who may enter, where login returns. */
export interface Area {
  key: 'candidat' | 'agent' | 'offres';
  clientId: 'portal' | 'dashboard';
  title: string;
  home: string;
  callbackPath: string;
  /** Opens Keycloak's account creation instead of its login page (areas open to the public only). */
  registrationPath?: string;
  roles: readonly Role[];
}

export const areas = {
  candidat: {
    key: 'candidat',
    clientId: 'portal',
    title: 'Espace candidat',
    home: '/candidat',
    callbackPath: '/candidat/connexion',
    registrationPath: '/candidat/creer-un-compte',
    roles: ['candidate'],
  },
  agent: {
    key: 'agent',
    clientId: 'dashboard',
    title: 'Espace instructeur',
    home: '/agent',
    callbackPath: '/agent/connexion',
    roles: ['caseworker-ars', 'caseworker-cpam'],
  },
  offres: {
    key: 'offres',
    clientId: 'dashboard',
    title: 'Espace des offres',
    home: '/offres',
    callbackPath: '/offres/connexion',
    roles: ['offer-publisher', 'admin'],
  },
} as const satisfies Record<string, Area>;

/** Where to go back after login: only a path of this portal, never another site. */
export function safeReturnTo(state: unknown, fallback: string): string {
  if (typeof state !== 'object' || state === null) return fallback;
  const returnTo = (state as Record<string, unknown>).returnTo;
  if (typeof returnTo !== 'string' || !returnTo.startsWith('/') || returnTo.startsWith('//')) return fallback;
  return returnTo;
}
