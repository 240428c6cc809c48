import { createHash } from 'node:crypto';
import { asyncHandler, ConflictProblem, UnauthorizedProblem, UnprocessableProblem, ValidationProblem } from '@guichet/platform';
import type { Request, RequestHandler, Response } from 'express';
import type { IdempotencyStore, Runtime } from '../../application/ports.js';
import { sendReply, type Reply } from './reply.js';

const KEY = /^[A-Za-z0-9_-]{8,128}$/;
export const REPLAYED_HEADER = 'Idempotent-Replayed';

const fingerprintOf = (req: Request): string =>
  createHash('sha256')
    .update(`${req.method} ${req.originalUrl}\n${req.csvText ?? JSON.stringify(req.body ?? null)}`)
    .digest('hex');

/**
 * `Idempotency-Key` on a creating call: the first successful answer is stored and a retry gets
 * it again (marked `Idempotent-Replayed: true`); the same key with another request is a 422.
 * A refused call keeps nothing, so it can be retried with the same key once corrected.
 */
export function idempotent(store: IdempotencyStore, runtime: Runtime, handler: (req: Request, key: string | undefined) => Promise<Reply>): RequestHandler {
  return asyncHandler(async (req: Request, res: Response) => {
    const key = req.get('idempotency-key');
    if (key === undefined) {
      sendReply(res, await handler(req, undefined));
      return;
    }
    if (!KEY.test(key)) throw new ValidationProblem([{ field: 'Idempotency-Key', detail: '8 à 128 caractères : lettres, chiffres, - et _' }], 'En-tête Idempotency-Key invalide.');
    const owner = req.principal?.subject;
    if (owner === undefined) throw new UnauthorizedProblem();
    const claim = await store.claim(owner, key, fingerprintOf(req), runtime.now().toISOString());
    switch (claim.kind) {
      case 'replay':
        res.setHeader(REPLAYED_HEADER, 'true');
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
    let reply: Reply;
    try {
      reply = await handler(req, key);
    } catch (error) {
      await store.release(owner, key);
      throw error;
    }
    await store.complete(owner, key, { status: reply.status, headers: reply.headers ?? {}, body: JSON.stringify(reply.body) });
    sendReply(res, reply);
  });
}
