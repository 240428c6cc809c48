import type { NextFunction, Request, Response } from 'express';
import {
  HttpProblem,
  InternalProblem,
  MalformedJsonProblem,
  NotFoundProblem,
  PayloadTooLargeProblem,
  PROBLEM_CONTENT_TYPE,
  ServiceUnavailableProblem,
  UnsupportedMediaTypeProblem,
} from './problems.js';

// Errors of the MongoDB driver and of kafkajs that mean "the server cannot be
// reached right now": the request did nothing wrong and the same request will work once it is back.
const UNAVAILABLE = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoWaitQueueTimeoutError',
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSBrokerNotFound',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
]);

// Socket errors a driver may let through unwrapped: the MongoDB driver throws the bare EPIPE of a
// pooled connection the restarted server had closed ("This socket has been ended by the other
// party", seen in a fault run as a 500 on submit).
const SOCKET_ERRORS = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

// The MongoDB driver reports an insertMany that failed as a whole (connection closed or refused
// while the server restarts) as a bulk error with no error of its own per document.
function bulkFailedAsAWhole(error: Error): boolean {
  const { writeErrors } = error as { writeErrors?: unknown };
  return error.name === 'MongoBulkWriteError' && Array.isArray(writeErrors) && writeErrors.length === 0;
}

function dependencyUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (UNAVAILABLE.has(current.name) || bulkFailedAsAWhole(current)) return true;
    if (SOCKET_ERRORS.has(String((current as { code?: unknown }).code))) return true;
    current = current.cause;
  }
  return false;
}

interface ParserError {
  type?: unknown;
  status?: unknown;
}

// body-parser and express signal client mistakes with http-errors carrying `type` and `status`.
function fromFrameworkError(error: unknown): HttpProblem | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const { type, status } = error as ParserError;
  switch (type) {
    case 'entity.parse.failed':
      return new MalformedJsonProblem();
    case 'entity.too.large':
      return new PayloadTooLargeProblem();
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeProblem('Encodage ou jeu de caractères du corps non pris en charge (UTF-8 attendu).');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpProblem(status, 'requete-invalide', 'Requête invalide', "La requête n'a pas pu être comprise.");
  }
  return undefined;
}

export function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (dependencyUnavailable(error)) return new ServiceUnavailableProblem(undefined, { retryAfterSeconds: 5, cause: error });
  return fromFrameworkError(error) ?? new InternalProblem({ cause: error });
}

// The contract caps `instance` (a URI reference) at 500 characters; a longer path is the caller's
// noise, and cutting it could split a percent-escape, so it is left out rather than truncated.
const MAX_INSTANCE_LENGTH = 500;

export function sendProblem(req: Request, res: Response, problem: HttpProblem): void {
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  const path = req.originalUrl.split('?')[0];
  res
    .status(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ ...problem.toDocument(path !== undefined && path.length <= MAX_INSTANCE_LENGTH ? path : undefined), requestId: req.id }));
}

export function notFoundRoute() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    next(new NotFoundProblem(`Aucune ressource ne correspond à ${req.method} ${req.path}.`));
  };
}

export function problemErrorHandler() {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const problem = toProblem(error);
    if (problem instanceof ServiceUnavailableProblem && problem !== error) req.log.warn({ err: error }, 'dépendance indisponible : requête refusée avec Retry-After');
    else if (problem.status >= 500) req.log.error({ err: error }, 'erreur inattendue');
    else req.log.info({ problem: problem.slug, status: problem.status }, 'requête refusée');
    sendProblem(req, res, problem);
  };
}
