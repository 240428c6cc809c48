import type { Request, RequestHandler, Response } from 'express';
import { asyncHandler } from './async-handler.js';

/** What a route answers, as data, so an answer can be stored and replayed (Idempotency-Key). */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export function sendReply(res: Response, reply: Reply): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.status(reply.status).json(reply.body);
}

/** A route as a function from request to reply; failures are thrown problems, rendered by the platform. */
export function route(handler: (req: Request) => Promise<Reply>): RequestHandler {
  return asyncHandler(async (req: Request, res: Response) => sendReply(res, await handler(req)));
}
