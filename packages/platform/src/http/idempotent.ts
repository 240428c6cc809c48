import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Clock } from '../clock.js';
import { asyncHandler } from './async-handler.js';
import { ConflictProblem, UnauthorizedProblem, UnprocessableProblem, ValidationProblem } from './problems.js';

/** A stored answer to a creating call, replayed on a retry with the same Idempotency-Key. */
export interface StoredReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body as sent. */
  readonly body: string;
}

export type IdempotencyClaim =
  | { readonly kind: 'new' }
  | { readonly kind: 'replay'; readonly reply: StoredReply }
  | { readonly kind: 'different-request' }
  | { readonly kind: 'in-progress' };

/** Where a service keeps its keys (its own database). Keys are scoped to the caller: two callers never share an answer. */
export interface IdempotencyStore {
  /** Takes the key for this request, or says what became of it. */
  claim(owner: string, key: string, fingerprint: string, now: string): Promise<IdempotencyClaim>;
  complete(owner: string, key: string, reply: StoredReply): Promise<void>;
  /** Gives the key back after a refused call, so it can be retried once corrected. */
  release(owner: string, key: string): Promise<void>;
}

/** What a route answers, as data, so that the answer can be stored and replayed. */
export interface IdempotentReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

const KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** Method, path with query, and the body as parsed (a CSV upload is its text). */
const fingerprintOf = (req: Request): string =>
  createHash('sha256').update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`).digest('hex');

function send(res: Response, reply: IdempotentReply): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.status(reply.status).json(reply.body);
}

/**
 * `Idempotency-Key` on a creating call: the first successful answer is stored and a retry gets
 * it again (marked `Idempotent-Replayed: true`); the same key with another request is a 422. A
 * refused call keeps nothing, so it can be retried with the same key once corrected. Must follow
 * `authenticate`: keys belong to the token's subject.
 */
export function idempotent(
  store: IdempotencyStore,
  clock: Clock,
  handler: (req: Request, key: string | undefined) => Promise<IdempotentReply>,
): RequestHandler {
  return asyncHandler(async (req: Request, res: Response) => {
    const key = req.get('idempotency-key');
    if (key === undefined) {
      send(res, await handler(req, undefined));
      return;
    }
    if (!KEY.test(key)) throw new ValidationProblem([{ field: 'Idempotency-Key', detail: '8 à 128 caractères : lettres, chiffres, - et _' }], 'En-tête Idempotency-Key invalide.');
    const owner = req.principal?.subject;
    if (owner === undefined) throw new UnauthorizedProblem();
    const claim = await store.claim(owner, key, fingerprintOf(req), clock.now().toISOString());
    switch (claim.kind) {
      case 'replay':
        res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
        for (const [name, value] of Object.entries(claim.reply.headers)) res.setHeader(name, value);
        res.status(claim.reply.status).type('application/json').send(claim.reply.body);
        return;
      case 'different-request':
        throw new UnprocessableProblem('Cette clé d’idempotence a déjà servi pour une requête différente : utilisez une nouvelle clé.', { slug: 'cle-idempotence-reutilisee' });
      case 'in-progress':
        throw new ConflictProblem('Une requête avec cette clé d’idempotence est en cours de traitement ; réessayez dans un instant.', { slug: 'requete-en-cours' });
      case 'new':
        break;
    }
    let reply: IdempotentReply;
    try {
      reply = await handler(req, key);
    } catch (error) {
      await store.release(owner, key);
      throw error;
    }
    await store.complete(owner, key, { status: reply.status, headers: { ...reply.headers }, body: JSON.stringify(reply.body) });
    send(res, reply);
  });
}
