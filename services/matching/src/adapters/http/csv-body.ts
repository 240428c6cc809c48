import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { toProblem, UnsupportedMediaTypeProblem, type HttpProblem } from '@guichet/platform';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Body of a CSV import, read before the platform's JSON-only pipeline. */
      csvText?: string;
      csvProblem?: HttpProblem;
    }
  }
}

const CSV_TYPES = ['text/csv', 'application/csv'];

/**
 * Reads `text/csv` bodies of the import routes ahead of the platform app, which accepts JSON
 * bodies only and answers 415 to anything else. Once read, the body is marked as consumed (no
 * length left) so the JSON guard lets the request through; the route takes the text (or the
 * reading problem, such as 413) from the request.
 */
export function csvBodies(paths: readonly string[], limit: string): RequestHandler {
  const read = express.text({ type: CSV_TYPES, limit, defaultCharset: 'utf-8' });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || !paths.includes(req.path) || !req.is(CSV_TYPES)) {
      next();
      return;
    }
    read(req, res, (error?: unknown) => {
      if (error) req.csvProblem = toProblem(error);
      else req.csvText = typeof req.body === 'string' ? req.body : '';
      delete req.headers['content-length'];
      delete req.headers['transfer-encoding'];
      next();
    });
  };
}

/** The CSV text of an import request, or the problem that kept it from being read. */
export function csvOf(req: Request): string {
  if (req.csvProblem) throw req.csvProblem;
  if (req.csvText === undefined) throw new UnsupportedMediaTypeProblem('Le fichier doit être envoyé en CSV (Content-Type: text/csv; charset=utf-8).');
  return req.csvText;
}
