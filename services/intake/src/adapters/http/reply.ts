import type { Request, RequestHandler, Response } from 'express';
import { asyncHandler } from '@guichet/platform';

/** What a route answers, as data, so an answer can be stored and replayed (Idempotency-Key). */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const etagOf = (version: number): string => `"${version}"`;

export function sendReply(res: Response, reply: Reply): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.status(reply.status).json(reply.body);
}

/** A route as a function from request to reply; failures are thrown problems, rendered by the platform. */
export function route(handler: (req: Request) => Promise<Reply>): RequestHandler {
  return asyncHandler(async (req: Request, res: Response) => sendReply(res, await handler(req)));
}
