import type { NextFunction, Request, Response } from 'express';
import { UnsupportedMediaTypeProblem } from './problems.js';

const JSON_TYPES = ['application/json', 'application/*+json'];

const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** A body in anything but JSON is refused (415) before parsing; body-less commands pass. */
export function requireJsonBodies() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (hasBody(req) && req.is(JSON_TYPES) === false) {
      next(new UnsupportedMediaTypeProblem());
      return;
    }
    next();
  };
}
