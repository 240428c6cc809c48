import type { Request } from 'express';
import { ConflictProblem, HttpProblem, ValidationProblem } from './problems.js';

/** A modification sent without `If-Match`: the client must say which version it read. */
export class PreconditionRequiredProblem extends HttpProblem {
  constructor(detail = 'En-tête If-Match obligatoire : renvoyez l’ETag de la version lue (par exemple If-Match: "3").') {
    super(428, 'precondition-requise', 'Précondition requise', detail);
  }
}

/** A modification based on a version that is no longer the stored one: 409 with the current version. */
export const staleVersionProblem = (detail: string, currentVersion: number): HttpProblem =>
  new ConflictProblem(detail, { slug: 'version-perimee', extensions: { currentVersion } });

/** The strong ETag of an aggregate version. */
export const etagOf = (version: number): string => `"${version}"`;

const IF_MATCH = /^(?:W\/)?"([0-9]{1,9})"$/;

/** The version the client read, from `If-Match: "<version>"`: 428 when absent, 400 when unreadable. */
export function ifMatchVersion(req: Request): number {
  const header = req.get('if-match');
  if (header === undefined) throw new PreconditionRequiredProblem();
  const match = IF_MATCH.exec(header.trim());
  if (!match?.[1]) throw new ValidationProblem([{ field: 'If-Match', detail: 'ETag attendu sous la forme "<version>", par exemple "3"' }], 'En-tête If-Match invalide.');
  return Number(match[1]);
}
