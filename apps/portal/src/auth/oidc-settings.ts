import type { UserManagerSettings } from 'oidc-client-ts';
import { config } from '../config.js';
import type { Area } from './areas.js';

/** Authorization code with PKCE (S256, oidc-client-ts's default) against the realm's public client. */
export function oidcSettings(area: Area, origin: string = window.location.origin): UserManagerSettings {
  return {
    authority: `${config.keycloakUrl}/realms/${config.realm}`,
    client_id: area.clientId,
    redirect_uri: `${origin}${area.callbackPath}`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: 'openid profile email',
    // Refreshes the access token (5 min in the realm) with the refresh token before it expires.
    automaticSilentRenew: true,
    monitorSession: false,
    ui_locales: 'fr',
  };
}
