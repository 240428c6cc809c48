import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { eventCatalogue, type EventType } from '@guichet/contracts';
import { connectMongo, type MongoHandle } from '@guichet/platform';
import { Webhook } from 'standardwebhooks';
import { prefixedTopicNames } from '../../services/notifications/src/adapters/kafka/topic-names.js';
import { allConsents, completeRequest, newCaseIds, requestSubmitted } from '../../services/notifications/test/fixtures.js';
import { CasePublisher } from '../../services/notifications/test/harness.js';
import { clientCredentialsToken } from '../harness/tokens.js';
import { call } from './support/http.js';
import { startInstance } from './support/instances.js';
import { eventually, startSmtpSink } from './support/partners.js';
import { freePort, type RunningService } from './support/services.js';

/**
 * Two notifications instances deliver webhooks to one partner; one of them is killed with SIGKILL
 * while its deliveries are in flight (the partner's endpoint holds its answers until the kill).
 * The other instance takes the dead one's work over once its claims' lease has passed: every
 * event reaches the partner, signed, a repeated request is only a redelivery of the same event id,
 * and the delivery log shows each event once, delivered.
 */

jest.setTimeout(600_000);

const EVENTS = 24;
const run = randomUUID().slice(0, 8);
const prefix = `webhook-kill-${run}.`;
const database = `webhook_kill_${run}_notifications`;
const arsTypes = (Object.keys(eventCatalogue) as EventType[]).filter((type) => eventCatalogue[type].stakeholder === 'ars');

interface Received {
  id: string;
  body: string;
  verified: boolean;
  /** The sender's end of the connection, to tell which process sent it. */
  remotePort: number;
  answered: boolean;
  /** The connection closed before the partner answered: the sender died with the request in flight. */
  interrupted: boolean;
}

/** A partner endpoint that verifies every signature and, while `holding`, answers nothing. */
class HoldingReceiver {
  readonly received: Received[] = [];
  private readonly held: Array<{ entry: Received; res: ServerResponse }> = [];
  private holding = true;
  private verifier: Webhook | undefined;
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
      let verified = false;
      try {
        this.verifier?.verify(body, headers);
        verified = this.verifier !== undefined;
      } catch {
        verified = false;
      }
      const entry: Received = { id: headers['webhook-id'] ?? '', body, verified, remotePort: req.socket.remotePort ?? 0, answered: false, interrupted: false };
      this.received.push(entry);
      res.on('close', () => {
        if (!entry.answered) entry.interrupted = true;
      });
      if (this.holding) this.held.push({ entry, res });
      else this.answer(entry, res);
    });
  });

  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/webhooks/guichet`;
  }

  start(secret?: string): Promise<void> {
    if (secret) this.verifier = new Webhook(secret);
    return new Promise((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }

  setSecret(secret: string): void {
    this.verifier = new Webhook(secret);
  }

  private answer(entry: Received, res: ServerResponse): void {
    entry.answered = true;
    if (!res.destroyed) res.writeHead(entry.verified ? 204 : 401).end();
  }

  /** Answers what it held and everything from now on. */
  release(): void {
    this.holding = false;
    for (const { entry, res } of this.held.splice(0)) if (!entry.interrupted) this.answer(entry, res);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** The local ports of the TCP connections a process holds to `port` on loopback (Linux /proc). */
async function connectionsTo(pid: number, port: number): Promise<Set<number>> {
  const inodes = new Set<string>();
  for (const fd of await readdir(`/proc/${pid}/fd`).catch(() => [])) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match?.[1]) inodes.add(match[1]);
  }
  const ports = new Set<number>();
  for (const line of (await readFile('/proc/net/tcp', 'utf8')).split('\n').slice(1)) {
    const [, local, remote, , , , , , , inode] = line.trim().split(/\s+/);
    if (!local || !remote || !inode || !inodes.has(inode)) continue;
    if (Number.parseInt(remote.split(':')[1] ?? '', 16) === port) ports.add(Number.parseInt(local.split(':')[1] ?? '', 16));
  }
  return ports;
}

let receiver: HoldingReceiver;
let publisher: CasePublisher;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let mongo: MongoHandle;
const instances: RunningService[] = [];

beforeAll(async () => {
  receiver = new HoldingReceiver(await freePort());
  await receiver.start();
  smtp = await startSmtpSink();
  publisher = await CasePublisher.open(prefixedTopicNames(prefix));
  const env = {
    LOG_LEVEL: 'info',
    TOPIC_PREFIX: prefix,
    MONGODB_DB: database,
    CONSUMER_GROUP_PREFIX: `webhook-kill-${run}-notifications`,
    WEBHOOK_LOOPBACK_TEST_MODE: 'true',
    WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64'),
    SMTP_URL: smtp.url,
  };
  // Run in the node process itself, so that SIGKILL reaches the service and not a launcher.
  for (let index = 0; index < 2; index += 1) instances.push(await startInstance('notifications', index, env, 240_000, { direct: true, logName: `webhook-kill-${run}-notifications.log` }));
  mongo = await connectMongo({ uri: process.env.MONGODB_URI ?? '', dbName: database });
});

afterAll(async () => {
  receiver?.release();
  await Promise.all(instances.map((instance) => instance.stop()));
  await publisher?.close();
  await receiver?.stop();
  await smtp?.stop();
  await mongo?.db.dropDatabase();
  await mongo?.close();
});

describe('a notifications instance killed while its webhooks are in flight', () => {
  it('leaves nothing lost: the other instance delivers what the dead one had taken, signed, under the same event ids, and the delivery log says so', async () => {
    const token = await clientCredentialsToken('partner-ars');
    const [first, survivor] = instances as [RunningService, RunningService];
    const created = await call(first.url, 'POST', '/v1/subscriptions', token, { url: receiver.url, eventTypes: arsTypes });
    expect(created.status).toBe(201);
    receiver.setSecret(created.body['secret'] as string);
    const subscriptionId = (created.body['subscription'] as { id: string }).id;

    // Paused while the cases arrive, so that each instance holds its share waiting and sends it all at once on resumption.
    expect((await call(first.url, 'PATCH', `/v1/subscriptions/${subscriptionId}`, token, { status: 'paused' })).status).toBe(200);
    for (let i = 0; i < EVENTS; i += 1) await publisher.publish(requestSubmitted(newCaseIds(), completeRequest(allConsents)));
    await eventually('every delivery planned', async () => {
      const page = await call(first.url, 'GET', `/v1/subscriptions/${subscriptionId}/deliveries?limit=200`, token);
      return (page.body['items'] as unknown[]).length >= EVENTS ? true : undefined;
    }, 180_000);
    expect((await call(first.url, 'PATCH', `/v1/subscriptions/${subscriptionId}`, token, { status: 'active' })).status).toBe(200);
    const pid = first.process.pid as number;
    // The premise: every delivery is at the partner, unanswered, and some of them come from the instance about to die.
    const inFlight = await eventually('every delivery in flight at the partner, some from the first instance', async () => {
      const ports = await connectionsTo(pid, receiver.port);
      return receiver.received.length >= EVENTS && receiver.received.some((r) => ports.has(r.remotePort)) ? ports : undefined;
    }, 180_000);
    const killed = new Promise<void>((resolve) => first.process.once('exit', () => resolve()));
    first.process.kill('SIGKILL');
    await killed;
    receiver.release();
    expect(receiver.received.some((r) => inFlight.has(r.remotePort) && r.interrupted)).toBe(true);

    // Every ARS event of the run, as notifications logged it: one per submitted case.
    const expected = await eventually('the ARS events of every case', async () => {
      const ids = (await mongo.db.collection('stakeholder_events').find({ stakeholder: 'ars' }, { projection: { _id: 1 } }).toArray()).map((doc) => String(doc._id));
      return ids.length >= EVENTS ? new Set(ids) : undefined;
    }, 180_000);
    expect(expected.size).toBe(EVENTS);
    await eventually('every event answered by the partner', () => ([...expected].every((id) => receiver.received.some((r) => r.id === id && r.answered && !r.interrupted)) ? true : undefined), 300_000);

    // Signed, and nothing but the run's events; a repeat is the same event again.
    expect(receiver.received.filter((r) => !r.verified)).toEqual([]);
    expect(receiver.received.filter((r) => !expected.has(r.id)).map((r) => r.id)).toEqual([]);
    const bodies = new Map<string, Set<string>>();
    for (const r of receiver.received) bodies.set(r.id, new Set([...(bodies.get(r.id) ?? []), JSON.stringify({ ...(JSON.parse(r.body) as object) })]));
    expect([...bodies.values()].filter((seen) => seen.size > 1)).toEqual([]);
    for (const r of receiver.received) expect((JSON.parse(r.body) as { id: string }).id).toBe(r.id);

    // The log of the surviving instance: each event once, delivered, its last attempt the partner's 204.
    const log = await eventually('a settled delivery log', async () => {
      const page = await call(survivor.url, 'GET', `/v1/subscriptions/${subscriptionId}/deliveries?limit=200`, token);
      const items = page.body['items'] as Array<{ eventId: string; status: string; attempts: Array<{ statusCode?: number }> }>;
      return items.length === EVENTS && items.every((item) => item.status === 'delivered') ? items : undefined;
    }, 120_000);
    expect(new Set(log.map((item) => item.eventId))).toEqual(expected);
    for (const item of log) {
      expect(item.attempts[item.attempts.length - 1]?.statusCode).toBe(204);
      // An attempt the log shows was made: the partner received it (the dead instance's own may be missing from the log).
      expect(item.attempts.length).toBeLessThanOrEqual(receiver.received.filter((r) => r.id === item.eventId).length);
    }
    const interrupted = receiver.received.filter((r) => r.interrupted).map((r) => r.id);
    process.stdout.write(
      `[webhook-kill] ${JSON.stringify({ events: expected.size, requests: receiver.received.length, interrupted: interrupted.length, redelivered: new Set(interrupted).size, attemptsLogged: log.reduce((sum, item) => sum + item.attempts.length, 0) })}\n`,
    );
  });
});
