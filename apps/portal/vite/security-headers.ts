import helmet from 'helmet';
import type { Plugin } from 'vite';

/**
 * Security headers of the built portal as `vite preview` (and `npm start`) serves it. The CSP
 * admits the bundle's own scripts only (Vite emits no inline script); styles may be inline because
 * the DSFR components set some at run time; the browser talks to the services through this origin
 * and to Keycloak (token and renewal calls, its login page by navigation). No page may frame the
 * portal. The dev server is left alone: React's hot reload runs an inline script.
 */
export function securityHeaders(keycloakUrl: string): Plugin {
  const keycloak = new URL(keycloakUrl).origin;
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", keycloak],
        frameSrc: [keycloak],
        frameAncestors: ["'none'"],
        formAction: ["'self'", keycloak],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // The portal is served over plain http on the local machine; the production proxy in front of it adds HSTS.
    strictTransportSecurity: false,
  });
  return {
    name: 'guichet-security-headers',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => headers(req, res, next));
    },
  };
}
