import { describe, expect, it } from '@jest/globals';
import type { Request, RequestHandler, Response } from 'express';
import { IDEMPOTENT_REPLAYED_HEADER, idempotent, type IdempotencyClaim, type IdempotencyStore, type IdempotentReply, type StoredReply } from './idempotent.js';
import { ConflictProblem, UnauthorizedProblem, UnprocessableProblem, ValidationProblem } from './problems.js';

/** The store's contract, in memory: what every service's Mongo adapter does on its collection. */
class MemoryStore implements IdempotencyStore {
  readonly records = new Map<string, { fingerprint: string; reply?: StoredReply }>();

  async claim(owner: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const record = this.records.get(`${owner}/${key}`);
    if (record === undefined) {
      this.records.set(`${owner}/${key}`, { fingerprint });
      return { kind: 'new' };
    }
    if (record.fingerprint !== fingerprint) return { kind: 'different-request' };
    return record.reply === undefined ? { kind: 'in-progress' } : { kind: 'replay', reply: record.reply };
  }

  async complete(owner: string, key: string, reply: StoredReply): Promise<void> {
    const record = this.records.get(`${owner}/${key}`);
    if (record !== undefined) record.reply = reply;
  }

  async release(owner: string, key: string): Promise<void> {
    this.records.delete(`${owner}/${key}`);
  }
}

interface Answer {
  status?: number;
  headers: Record<string, string>;
  body?: unknown;
  error?: unknown;
}

/** Runs the middleware on a request made of plain data; resolves with what it answered or passed on. */
function call(middleware: RequestHandler, request: { subject?: string; key?: string; body?: unknown; url?: string }): Promise<Answer> {
  return new Promise((resolve) => {
    const answer: Answer = { headers: {} };
    const headers: Record<string, string | undefined> = { 'idempotency-key': request.key };
    const req = {
      method: 'POST',
      originalUrl: request.url ?? '/v1/things',
      body: request.body,
      get: (name: string) => headers[name.toLowerCase()],
      ...(request.subject === undefined ? {} : { principal: { subject: request.subject } }),
    } as unknown as Request;
    const res = {
      setHeader(name: string, value: string) {
        answer.headers[name] = value;
        return res;
      },
      status(status: number) {
        answer.status = status;
        return res;
      },
      type: () => res,
      json(body: unknown) {
        answer.body = body;
        resolve(answer);
        return res;
      },
      send(text: string) {
        answer.body = JSON.parse(text);
        resolve(answer);
        return res;
      },
    } as unknown as Response;
    middleware(req, res, (error?: unknown) => resolve({ ...answer, error }));
  });
}

const clock = { now: () => new Date('2026-11-24T06:00:00Z') };

function creating(store: IdempotencyStore, replies: IdempotentReply[] = []): { middleware: RequestHandler; calls: () => number } {
  let count = 0;
  const middleware = idempotent(store, clock, async (req) => {
    count += 1;
    const body = req.body as { fail?: boolean; name?: string } | undefined;
    if (body?.fail) throw new ValidationProblem([{ field: 'name', detail: 'obligatoire' }]);
    return replies[count - 1] ?? { status: 201, headers: { Location: `/v1/things/${count}` }, body: { id: count, name: body?.name } };
  });
  return { middleware, calls: () => count };
}

describe('idempotent (Idempotency-Key on creating calls)', () => {
  it('answers a retry with the first answer, marked as replayed, without running the call again', async () => {
    const { middleware, calls } = creating(new MemoryStore());
    const first = await call(middleware, { subject: 'alice', key: 'cle-0001-abcd', body: { name: 'Tours' } });
    const retry = await call(middleware, { subject: 'alice', key: 'cle-0001-abcd', body: { name: 'Tours' } });
    expect(first).toMatchObject({ status: 201, body: { id: 1, name: 'Tours' }, headers: { Location: '/v1/things/1' } });
    expect(retry).toMatchObject({ status: 201, body: { id: 1, name: 'Tours' }, headers: { Location: '/v1/things/1', [IDEMPOTENT_REPLAYED_HEADER]: 'true' } });
    expect(calls()).toBe(1);
  });

  it('refuses the same key with another body or another path (422)', async () => {
    const { middleware } = creating(new MemoryStore());
    await call(middleware, { subject: 'alice', key: 'cle-0002-abcd', body: { name: 'Tours' } });
    const otherBody = await call(middleware, { subject: 'alice', key: 'cle-0002-abcd', body: { name: 'Blois' } });
    const otherPath = await call(middleware, { subject: 'alice', key: 'cle-0002-abcd', body: { name: 'Tours' }, url: '/v1/others' });
    expect(otherBody.error).toBeInstanceOf(UnprocessableProblem);
    expect(otherPath.error).toBeInstanceOf(UnprocessableProblem);
  });

  it('keeps the keys of two callers apart', async () => {
    const { middleware, calls } = creating(new MemoryStore());
    await call(middleware, { subject: 'alice', key: 'cle-0003-abcd', body: { name: 'Tours' } });
    const bob = await call(middleware, { subject: 'bob', key: 'cle-0003-abcd', body: { name: 'Tours' } });
    expect(bob).toMatchObject({ status: 201, body: { id: 2 } });
    expect(bob.headers[IDEMPOTENT_REPLAYED_HEADER]).toBeUndefined();
    expect(calls()).toBe(2);
  });

  it('keeps nothing of a refused call: the same key works once the request is corrected', async () => {
    const { middleware } = creating(new MemoryStore());
    const refused = await call(middleware, { subject: 'alice', key: 'cle-0004-abcd', body: { fail: true } });
    const corrected = await call(middleware, { subject: 'alice', key: 'cle-0004-abcd', body: { name: 'Tours' } });
    expect(refused.error).toBeInstanceOf(ValidationProblem);
    expect(corrected).toMatchObject({ status: 201, body: { name: 'Tours' } });
  });

  it('answers 409 while the first call with the key is still running', async () => {
    const { middleware } = creating({ claim: async () => ({ kind: 'in-progress' }), complete: async () => undefined, release: async () => undefined });
    expect((await call(middleware, { subject: 'alice', key: 'cle-0005-abcd', body: {} })).error).toBeInstanceOf(ConflictProblem);
  });

  it('checks the key format, needs an authenticated caller, and runs the call as is without a key', async () => {
    const { middleware, calls } = creating(new MemoryStore());
    expect((await call(middleware, { subject: 'alice', key: 'court', body: {} })).error).toBeInstanceOf(ValidationProblem);
    expect((await call(middleware, { key: 'cle-0006-abcd', body: {} })).error).toBeInstanceOf(UnauthorizedProblem);
    expect(await call(middleware, { subject: 'alice', body: { name: 'Tours' } })).toMatchObject({ status: 201 });
    expect(await call(middleware, { subject: 'alice', body: { name: 'Tours' } })).toMatchObject({ status: 201 });
    expect(calls()).toBe(2);
  });

  it('fingerprints a text body (CSV upload) by its content', async () => {
    const { middleware } = creating(new MemoryStore(), [{ status: 202, body: { imported: 2 } }]);
    await call(middleware, { subject: 'alice', key: 'cle-0007-abcd', body: 'insee;zone\n37072;zip\n' });
    expect((await call(middleware, { subject: 'alice', key: 'cle-0007-abcd', body: 'insee;zone\n37072;zip\n' })).headers[IDEMPOTENT_REPLAYED_HEADER]).toBe('true');
    expect((await call(middleware, { subject: 'alice', key: 'cle-0007-abcd', body: 'insee;zone\n37072;zac\n' })).error).toBeInstanceOf(UnprocessableProblem);
  });
});
