import { describe, expect, it } from '@jest/globals';
import { toProblem } from './error-handler.js';
import {
  ConflictProblem,
  ForbiddenProblem,
  NotFoundProblem,
  PreconditionFailedProblem,
  ServiceUnavailableProblem,
  UnauthorizedProblem,
  UnprocessableProblem,
  ValidationProblem,
} from './problems.js';

describe('problem documents', () => {
  it('renders RFC 9457 members with a stable type URI, French text and field errors', () => {
    const problem = new ValidationProblem([{ field: '/codeCommune', detail: 'code INSEE inconnu' }]);
    expect(problem.toDocument('/requests')).toEqual({
      type: 'https://guichet-sante.example/problemes/donnees-invalides',
      title: 'Données invalides',
      status: 400,
      detail: 'Certaines données envoyées ne sont pas valides.',
      instance: '/requests',
      errors: [{ field: '/codeCommune', detail: 'code INSEE inconnu' }],
    });
  });

  it('lets a program tell cases apart by slug and extension members', () => {
    const problem = new ConflictProblem('La demande a changé depuis votre lecture.', { slug: 'version-perimee', extensions: { currentVersion: 4 } });
    expect(problem.toDocument()).toEqual({
      type: 'https://guichet-sante.example/problemes/version-perimee',
      title: 'Conflit',
      status: 409,
      detail: 'La demande a changé depuis votre lecture.',
      currentVersion: 4,
    });
  });

  it('maps each class to its status and headers', () => {
    const cases = [
      [new NotFoundProblem(), 404, {}],
      [new PreconditionFailedProblem(), 412, {}],
      [new UnauthorizedProblem(), 401, { 'WWW-Authenticate': 'Bearer realm="guichet", error="invalid_token"' }],
      [new ForbiddenProblem(), 403, {}],
      [new UnprocessableProblem(), 422, {}],
      [new ServiceUnavailableProblem(undefined, { retryAfterSeconds: 30 }), 503, { 'Retry-After': '30' }],
    ] as const;
    for (const [problem, status, headers] of cases) {
      expect(problem.status).toBe(status);
      expect(problem.headers).toEqual(headers);
      expect(problem.type).toMatch(/^https:\/\/guichet-sante\.example\/problemes\/[a-z-]+$/);
    }
  });

  it('hides unexpected errors behind a generic 500', () => {
    const problem = toProblem(new Error('connexion refusée à 10.0.0.3 pour dupont@example.fr'));
    expect(problem.status).toBe(500);
    expect(problem.detail).not.toContain('dupont');
  });

  it('asks the client to come back later when the database or the broker cannot be reached', () => {
    const unreachable = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), { name: 'MongoServerSelectionError' });
    const wrapped = new Error('écriture impossible', { cause: Object.assign(new Error('socket closed'), { name: 'KafkaJSConnectionError' }) });
    // What the MongoDB driver throws, unwrapped, when it writes on a pooled connection a restarted server had closed.
    const closedSocket = Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' });
    // And an insertMany whose connection closed: a bulk error without any error of its own per document.
    const lostBatch = Object.assign(new Error('connection 20 to 127.0.0.1:27017 closed'), { name: 'MongoBulkWriteError', writeErrors: [] });
    for (const error of [unreachable, wrapped, closedSocket, lostBatch]) {
      const problem = toProblem(error);
      expect({ status: problem.status, headers: problem.headers }).toEqual({ status: 503, headers: { 'Retry-After': '5' } });
      expect(problem.detail).not.toContain('127.0.0.1');
    }
  });

  it('maps body-parser failures to French client problems', () => {
    expect(toProblem({ type: 'entity.parse.failed', status: 400 }).slug).toBe('json-mal-forme');
    expect(toProblem({ type: 'entity.too.large', status: 413 }).status).toBe(413);
    expect(toProblem({ type: 'charset.unsupported', status: 415 }).status).toBe(415);
  });
});
