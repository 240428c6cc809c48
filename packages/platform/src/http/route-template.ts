import type { Request } from 'express';

/** The template of the route that answered (`/v1/requests/:requestId/submit`), once routed; undefined when none matched. */
export function routeTemplate(req: Request): string | undefined {
  const path: unknown = req.route?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : undefined;
}
