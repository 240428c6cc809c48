import { ConflictProblem, ForbiddenProblem, HttpProblem, NotFoundProblem, staleVersionProblem, ValidationProblem, valueOrThrow } from '@guichet/platform';
import type { Result, UseCaseError } from '../../application/result.js';

/** The one place where expected failures of the use cases become RFC 9457 problems. */
export function problemOf(error: UseCaseError): HttpProblem {
  switch (error.kind) {
    case 'invalid':
      return new ValidationProblem(error.errors, error.detail);
    case 'not-found':
      return new NotFoundProblem(error.detail);
    case 'out-of-territory':
      return new ForbiddenProblem(error.detail, { slug: 'hors-territoire', title: 'Hors de votre territoire' });
    case 'not-owner':
      return new ForbiddenProblem(error.detail, { slug: 'autre-organisation', title: 'Publié par une autre organisation' });
    case 'version-conflict':
      return staleVersionProblem(error.detail, error.currentVersion);
    case 'conflict':
      return new ConflictProblem(error.detail, { slug: error.slug });
  }
}

export const unwrap = <T>(result: Result<T>): T => valueOrThrow(result, problemOf);


export class TooManyRequestsProblem extends HttpProblem {
  constructor(retryAfterSeconds: number) {
    super(429, 'trop-de-requetes', 'Trop de requêtes', `Trop de simulations depuis votre adresse : réessayez dans ${retryAfterSeconds} seconde(s).`);
    this.headers['Retry-After'] = String(retryAfterSeconds);
  }
}
