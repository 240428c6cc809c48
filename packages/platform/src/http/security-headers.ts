import type { RequestHandler } from 'express';
import helmet, { strictTransportSecurity } from 'helmet';

/**
 * Headers of every API answer. An API serves JSON, never a page: nothing may be framed, run or
 * loaded from it (CSP `default-src 'none'`), types are never sniffed. HSTS only on answers that
 * came over https (directly or as the trusted proxy says): over plain http it means nothing.
 * `Cache-Control: no-store` is the default, for answers carry personal data; a public reference
 * route may set its own.
 */
export function securityHeaders(): RequestHandler[] {
  const hsts = strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true });
  return [
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
      frameguard: { action: 'deny' },
      strictTransportSecurity: false,
      crossOriginResourcePolicy: { policy: 'same-origin' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
    (req, res, next) => (req.secure ? hsts(req, res, next) : next()),
    (_req, res, next) => {
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
  ];
}
