import type { Request, Response } from 'express';
import { ValidationProblem } from '@guichet/platform';
import { PreconditionRequiredProblem } from './problems.js';

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export function sendReply(res: Response, reply: Reply): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.status(reply.status).json(reply.body);
}

export const etagOf = (version: number): string => `"${version}"`;

/** The version an `If-Match: "<version>"` names; 428 when absent, 400 when unreadable. */
export function expectedVersion(req: Request): number {
  const header = req.get('if-match');
  if (header === undefined) throw new PreconditionRequiredProblem();
  const match = /^(?:W\/)?"([0-9]{1,7})"$/.exec(header.trim());
  if (!match) throw new ValidationProblem([{ field: 'If-Match', detail: 'ETag attendu sous la forme "<version>", par exemple "3"' }], 'En-tête If-Match invalide.');
  return Number(match[1]);
}
