import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { eventCatalogue, validateProblem, validateSecretRotated, type EventType, type Problem, type SecretRotated, type SubscriptionCreated } from '@guichet/contracts';
import type { MongoHandle } from '@guichet/platform';
import { Webhook } from 'standardwebhooks';
import { clientCredentialsToken } from '../../../tests/harness/tokens.js';
import { startNotifications, type RunningNotifications } from '../src/main.js';
import { allConsents, completeRequest, newCaseIds, requestSubmitted } from './fixtures.js';
import { api, CasePublisher, eventually, openDatabase, quietLogger, startService, testConfig, unique, uniqueTopics } from './harness.js';

// The stack is shared by every engineer's runs: generous guards, never timing assertions.
jest.setTimeout(180_000);

const topics = uniqueTopics();
const database = unique('notifications_secrets_');
const legacyDatabase = unique('notifications_secrets_legacy_');
let service: RunningNotifications;
let publisher: CasePublisher;
let mongo: MongoHandle;
let arsToken: string;
let cpamToken: string;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A partner endpoint that keeps every request as it came, to verify its signatures afterwards. */
class RecordingReceiver {
  readonly received: Received[] = [];
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks`;
  }

  start(): Promise<this> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve(this)));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

const verifies = (secret: string, { headers, body }: Received): boolean => {
  try {
    new Webhook(secret).verify(body, headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
};

const arsTypes = (Object.keys(eventCatalogue) as EventType[]).filter((type) => eventCatalogue[type].stakeholder === 'ars');

const subscribe = (token: string, url: string, headers: Record<string, string> = {}, description?: string) =>
  api<SubscriptionCreated & Problem>(service.url, token, 'POST', '/v1/subscriptions', { url, eventTypes: arsTypes, ...(description ? { description } : {}) }, headers);

/** Publishes a submitted case and waits until the receiver has one more request. */
async function deliverOne(receiver: RecordingReceiver): Promise<Received> {
  const before = receiver.received.length;
  await publisher.publish(requestSubmitted(newCaseIds(), completeRequest(allConsents)));
  await eventually(() => {
    if (receiver.received.length <= before) throw new Error('pas encore livré');
  });
  return receiver.received[receiver.received.length - 1] as Received;
}

beforeAll(async () => {
  publisher = await CasePublisher.open(topics);
  service = await startService({ database, groupPrefix: unique('notifications-secrets-'), topics });
  mongo = await openDatabase(database);
  [arsToken, cpamToken] = await Promise.all([clientCredentialsToken('partner-ars'), clientCredentialsToken('partner-cpam')]);
});

afterAll(async () => {
  await service?.stop();
  await publisher?.close();
  for (const name of [database, legacyDatabase]) {
    const handle = await openDatabase(name);
    await handle.db.dropDatabase();
    await handle.close();
  }
  await mongo?.close();
});

describe('webhook signing secrets', () => {
  it('are stored encrypted: the database holds nothing of the secret shown at creation', async () => {
    const created = await subscribe(arsToken, 'http://127.0.0.1:9/webhooks');
    expect(created.status).toBe(201);
    const raw = created.body.secret.replace(/^whsec_/, '');
    const stored = await mongo.db.collection('subscriptions').findOne({ _id: created.body.subscription.id } as never);
    expect(stored).toBeTruthy();
    expect(JSON.stringify(stored)).not.toContain(raw);
    await api(service.url, arsToken, 'DELETE', `/v1/subscriptions/${created.body.subscription.id}`);
  });

  it('are rotated with an overlap: two signatures until its end, each secret verifies alone, then only the new one', async () => {
    const receiver = await new RecordingReceiver().start();
    try {
      const created = await subscribe(arsToken, receiver.url);
      const { id } = created.body.subscription;
      const first = created.body.secret;
      expect(verifies(first, await deliverOne(receiver))).toBe(true);

      const rotated = await api<SecretRotated & Problem>(service.url, arsToken, 'POST', `/v1/subscriptions/${id}/secret-rotations`, { overlapSeconds: 3600 });
      expect(rotated.status).toBe(201);
      expect(validateSecretRotated(rotated.body).ok).toBe(true);
      expect(rotated.body.secret).not.toBe(first);
      expect(Date.parse(rotated.body.previousSecretExpiresAt)).toBeGreaterThan(Date.now());
      const during = await deliverOne(receiver);
      expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
      expect(verifies(first, during)).toBe(true);
      expect(verifies(rotated.body.secret, during)).toBe(true);

      const revoked = await api<SecretRotated>(service.url, arsToken, 'POST', `/v1/subscriptions/${id}/secret-rotations`, { overlapSeconds: 0 });
      expect(revoked.status).toBe(201);
      const after = await deliverOne(receiver);
      expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
      expect(verifies(revoked.body.secret, after)).toBe(true);
      expect(verifies(rotated.body.secret, after)).toBe(false);
      expect(verifies(first, after)).toBe(false);

      const key = unique('rotation-');
      const keyed = await api<SecretRotated>(service.url, arsToken, 'POST', `/v1/subscriptions/${id}/secret-rotations`, {}, { 'idempotency-key': key });
      const retried = await api<SecretRotated>(service.url, arsToken, 'POST', `/v1/subscriptions/${id}/secret-rotations`, {}, { 'idempotency-key': key });
      expect(retried.body).toEqual(keyed.body);
      expect((await api(service.url, arsToken, 'POST', `/v1/subscriptions/${id}/secret-rotations`)).status).toBe(201);
      const stale = await api<Problem>(service.url, arsToken, 'POST', `/v1/subscriptions/${id}/secret-rotations`, {}, { 'idempotency-key': key });
      expect(stale.status).toBe(409);
      expect(JSON.stringify(stale.body)).not.toMatch(/whsec_/);

      const foreign = await api<Problem>(service.url, cpamToken, 'POST', `/v1/subscriptions/${id}/secret-rotations`, {});
      expect(foreign.status).toBe(404);
      const invalid = await api<Problem>(service.url, arsToken, 'POST', `/v1/subscriptions/${id}/secret-rotations`, { overlapSeconds: 30 * 86_400 });
      expect(invalid.status).toBe(400);
      expect(invalid.contentType).toMatch(/^application\/problem\+json/);
      await api(service.url, arsToken, 'DELETE', `/v1/subscriptions/${id}`);
    } finally {
      await receiver.close();
    }
  });

  it('rotated twice at once: a refused rotation says so in French and shows no secret, every secret given is in force', async () => {
    const receiver = await new RecordingReceiver().start();
    try {
      const created = await subscribe(arsToken, receiver.url);
      const { id } = created.body.subscription;
      const refusals: Array<{ contentType: string; body: Problem }> = [];
      for (let round = 1; round <= 6; round += 1) {
        const rotations = await Promise.all([1, 2].map(() => api<SecretRotated & Problem>(service.url, arsToken, 'POST', `/v1/subscriptions/${id}/secret-rotations`, { overlapSeconds: 3600 })));
        expect(rotations.map((r) => r.status).sort()).toEqual(expect.arrayContaining([201]));
        for (const refused of rotations.filter((r) => r.status !== 201)) {
          expect(refused.status).toBe(409);
          refusals.push(refused);
        }
        // Given in the same round, both are in force: the later one signs, the earlier beside it during the overlap.
        const given = rotations.filter((r) => r.status === 201).map((r) => r.body.secret);
        const delivered = await deliverOne(receiver);
        for (const secret of given) expect(verifies(secret, delivered)).toBe(true);
      }
      for (const { contentType, body } of refusals) {
        expect(contentType).toMatch(/^application\/problem\+json/);
        expect(body.type).toMatch(/secret-remplace-entre-temps$/);
        expect(body.detail).toMatch(/remplacé par une autre demande/);
        expect(JSON.stringify(body)).not.toMatch(/whsec_/);
      }
      await api(service.url, arsToken, 'DELETE', `/v1/subscriptions/${id}`);
    } finally {
      await receiver.close();
    }
  });

  it('are never served again by a creation replayed with another body, nor after a rotation', async () => {
    const key = unique('creation-');
    const first = await subscribe(arsToken, 'http://127.0.0.1:9/a', { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const same = await subscribe(arsToken, 'http://127.0.0.1:9/a', { 'idempotency-key': key });
    expect(same.body).toEqual(first.body);

    const other = await subscribe(arsToken, 'http://127.0.0.1:9/b', { 'idempotency-key': key });
    expect(other.status).toBe(409);
    expect(other.contentType).toMatch(/^application\/problem\+json/);
    const { requestId: _requestId, ...problem } = other.body as Problem & { requestId?: string };
    expect(validateProblem(problem).ok).toBe(true);
    expect(JSON.stringify(other.body)).not.toContain(first.body.secret);
    expect((await subscribe(arsToken, 'http://127.0.0.1:9/a', { 'idempotency-key': key }, 'autre description')).status).toBe(409);

    const { id } = first.body.subscription;
    expect((await api(service.url, arsToken, 'POST', `/v1/subscriptions/${id}/secret-rotations`)).status).toBe(201);
    const replayedAfterRotation = await subscribe(arsToken, 'http://127.0.0.1:9/a', { 'idempotency-key': key });
    expect(replayedAfterRotation.status).toBe(409);
    expect(JSON.stringify(replayedAfterRotation.body)).not.toMatch(/whsec_/);
    await api(service.url, arsToken, 'DELETE', `/v1/subscriptions/${id}`);
  });

  it('stored in clear by an earlier version are encrypted at start, and another key refuses to start', async () => {
    const legacy = await openDatabase(legacyDatabase);
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const now = new Date();
    await legacy.db.collection('subscriptions').insertOne({
      _id: '0b9e7a52-3c1d-4f2e-9a8b-7c6d5e4f3a2b',
      stakeholder: 'ars',
      clientId: 'partner-ars',
      url: 'http://127.0.0.1:9/legacy',
      eventTypes: arsTypes,
      scope: { regions: ['24'], departements: [] },
      status: 'active',
      secret,
      createdAt: now,
      updatedAt: now,
    } as never);
    const config = testConfig({ database: legacyDatabase, groupPrefix: unique('notifications-secrets-legacy-') });
    const upgraded = await startNotifications(config, { port: 0, host: '127.0.0.1', topics, logger: quietLogger() });
    await upgraded.stop();
    const stored = await legacy.db.collection('subscriptions').findOne({});
    await legacy.close();
    expect(stored?.['secret']).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain(secret.replace(/^whsec_/, ''));

    const otherKey = { ...config, WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64') };
    await expect(startNotifications(otherKey, { port: 0, host: '127.0.0.1', topics, logger: quietLogger() })).rejects.toThrow(/WEBHOOK_SECRETS_KEY ne déchiffre pas/);
  });
});
