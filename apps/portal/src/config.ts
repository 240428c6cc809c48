// Where the portal finds Keycloak and the services. The services are reached through the
// portal's own origin (/api/<service>), proxied by Vite in dev and preview.
export const config = {
  keycloakUrl: import.meta.env.VITE_KEYCLOAK_URL ?? 'http://127.0.0.1:18080',
  realm: 'guichet',
  intakeBase: '/api/intake',
  matchingBase: '/api/matching',
} as const;
