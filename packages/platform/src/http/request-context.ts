import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger/create-logger.js';
import type { Principal } from '../auth/principal.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Correlates logs, problems and the caller's `X-Request-Id`. */
      id: string;
      log: Logger;
      /** Set by `authenticate`. */
      principal?: Principal;
    }
  }
}

export const REQUEST_ID_HEADER = 'X-Request-Id';
// A caller's id is echoed into logs and headers, so only a short, inert token is accepted.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.get(REQUEST_ID_HEADER);
    req.id = incoming !== undefined && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ requestId: req.id });
    res.setHeader(REQUEST_ID_HEADER, req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      // The path without its query string: queries may carry personal data.
      req.log.info({ method: req.method, path: req.path, route: req.route?.path, status: res.statusCode, durationMs }, 'requête traitée');
    });
    next();
  };
}
