import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  asyncHandler,
  ConflictProblem,
  createHttpApp,
  createKafka,
  runUntilSignal,
  ServiceUnavailableProblem,
  ValidationProblem,
  type KafkaClient,
  type MongoHandle,
} from '../src/index.js';
import { memoryLogger, stackEnv, testMongo } from './support.js';

const PROBLEMS = 'https://guichet-sante.example/problemes/';

describe('HTTP app factory', () => {
  const { logger, lines } = memoryLogger();
  let mongo: MongoHandle;
  let kafka: KafkaClient;
  let unreachableKafka: KafkaClient;

  beforeAll(async () => {
    mongo = await testMongo();
    kafka = createKafka({ brokers: stackEnv().brokers, clientId: 'platform-http-test' });
    unreachableKafka = createKafka({ brokers: ['127.0.0.1:1'], clientId: 'platform-http-test-down' });
  });
  afterAll(async () => {
    await mongo.close();
    await kafka.close();
    await unreachableKafka.close();
  });

  const app = () =>
    createHttpApp({
      logger,
      readiness: [
        { name: 'mongodb', check: () => mongo.ping() },
        { name: 'kafka', check: () => kafka.ping() },
      ],
      bodyLimit: '1kb',
      routes: (router) => {
        router.post('/echo', (req, res) => {
          res.json({ received: req.body ?? null });
        });
        router.post('/requests', () => {
          throw new ValidationProblem([{ field: '/codeCommune', detail: 'code INSEE inconnu' }]);
        });
        router.get('/conflict', asyncHandler(async () => Promise.reject(new ConflictProblem())));
        router.get('/busy', () => {
          throw new ServiceUnavailableProblem(undefined, { retryAfterSeconds: 10 });
        });
        router.get('/boom', async () => {
          throw new Error('secret interne : mot de passe base = hunter2');
        });
      },
    });

  it('is live always and ready only when MongoDB and Kafka answer', async () => {
    expect((await request(app()).get('/health/live')).status).toBe(200);
    const ready = await request(app()).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'up', checks: [{ name: 'mongodb', status: 'up' }, { name: 'kafka', status: 'up' }] });

    const degraded = createHttpApp({
      logger,
      readiness: [
        { name: 'mongodb', check: () => mongo.ping() },
        { name: 'kafka', check: () => unreachableKafka.ping() },
      ],
    });
    const notReady = await request(degraded).get('/health/ready');
    expect(notReady.status).toBe(503);
    expect(notReady.body).toEqual({ status: 'down', checks: [{ name: 'mongodb', status: 'up' }, { name: 'kafka', status: 'down' }] });
  });

  it('echoes a caller’s X-Request-Id and makes one up otherwise', async () => {
    expect((await request(app()).get('/health/live').set('X-Request-Id', 'abc-123')).headers['x-request-id']).toBe('abc-123');
    expect((await request(app()).get('/health/live')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await request(app()).get('/health/live').set('X-Request-Id', '<script>')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with a 404 problem in French', async () => {
    const response = await request(app()).get('/nulle-part?email=a@b.fr').set('X-Request-Id', 'req-404');
    expect(response.status).toBe(404);
    expect(response.type).toBe('application/problem+json');
    expect(response.body).toEqual({
      type: `${PROBLEMS}ressource-introuvable`,
      title: 'Ressource introuvable',
      status: 404,
      detail: 'Aucune ressource ne correspond à GET /nulle-part.',
      instance: '/nulle-part',
      requestId: 'req-404',
    });
  });

  it('refuses malformed JSON (400), oversized bodies (413) and non-JSON bodies (415)', async () => {
    const malformed = await request(app()).post('/echo').set('Content-Type', 'application/json').send('{"a": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ type: `${PROBLEMS}json-mal-forme`, detail: "Le corps de la requête n'est pas un JSON valide." });

    const large = await request(app()).post('/echo').send({ text: 'x'.repeat(2000) });
    expect(large.status).toBe(413);
    expect(large.body.type).toBe(`${PROBLEMS}corps-trop-volumineux`);

    const form = await request(app()).post('/echo').set('Content-Type', 'text/plain').send('bonjour');
    expect(form.status).toBe(415);
    expect(form.body.type).toBe(`${PROBLEMS}type-de-contenu-non-supporte`);

    expect((await request(app()).post('/echo').send({ ok: true })).body).toEqual({ received: { ok: true } });
    expect((await request(app()).post('/echo').set('Content-Type', 'application/merge-patch+json').send('{"a":1}')).status).toBe(200);
    expect((await request(app()).post('/echo')).status).toBe(200);
  });

  it('renders thrown and rejected problems with their status, headers and field errors', async () => {
    const invalid = await request(app()).post('/requests').send({ codeCommune: '99999' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ type: `${PROBLEMS}donnees-invalides`, errors: [{ field: '/codeCommune', detail: 'code INSEE inconnu' }] });
    expect((await request(app()).get('/conflict')).status).toBe(409);
    const busy = await request(app()).get('/busy');
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('10');
  });

  it('turns an unexpected error into a generic 500 and logs it for operators only', async () => {
    const response = await request(app()).get('/boom').set('X-Request-Id', 'req-500');
    expect(response.status).toBe(500);
    expect(response.body.type).toBe(`${PROBLEMS}erreur-interne`);
    expect(JSON.stringify(response.body)).not.toContain('hunter2');
    expect(lines.find((line) => line['requestId'] === 'req-500' && line['level'] === 'error')).toBeDefined();
  });

  it('on shutdown, finishes in-flight requests, then closes resources in order, then exits', async () => {
    const order: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const server = createHttpApp({
      logger,
      readiness: [],
      routes: (router) => {
        router.get('/slow', async (_req, res) => {
          arrived();
          await slow;
          order.push('request answered');
          res.json({ done: true });
        });
      },
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;

    const exitCodes: number[] = [];
    const handle = runUntilSignal({
      server,
      logger,
      signals: [],
      exit: (code) => void exitCodes.push(code),
      closers: [
        { name: 'relay', close: () => void order.push('relay') },
        { name: 'kafka', close: async () => void order.push('kafka') },
        { name: 'mongodb', close: async () => void order.push('mongodb') },
      ],
    });
    const pending = fetch(`http://127.0.0.1:${port}/slow`);
    await inFlight;
    const done = handle.shutdown('test');
    await new Promise((resolve) => setImmediate(resolve));
    await expect(fetch(`http://127.0.0.1:${port}/slow`)).rejects.toThrow();
    release();
    expect((await pending).status).toBe(200);
    expect(await done).toBe(0);
    expect(order).toEqual(['request answered', 'relay', 'kafka', 'mongodb']);
    expect(exitCodes).toEqual([0]);
  });
});
