import { createServer, type Server } from 'node:http';
import { kafkaConnectionOptions } from '@guichet/platform';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import { freePort } from './services.js';

export interface StakeholderRecord {
  topic: string;
  key: string | null;
  type: string;
  traceparent: string | null;
  data: Record<string, unknown>;
  /** The CloudEvents id: a redelivery repeats it, a duplicated effect does not. */
  id?: string;
  /** When this partner read it (epoch ms), for latency measurements. */
  receivedAt?: number;
}

export interface KafkaPartnerOptions {
  /** The brokers to read (KAFKA_BROKERS of the environment by default). */
  brokers?: readonly string[];
  /** Reads each topic from its first record instead of from now on. */
  fromBeginning?: boolean;
}

/** A partner system reading the stakeholder topics through Kafka, as ARS, CPAM, Ordre and communes would. */
export async function startKafkaPartner(topics: readonly string[], options: KafkaPartnerOptions = {}): Promise<{ records: StakeholderRecord[]; stop(): Promise<void> }> {
  const brokers = options.brokers ?? (process.env.KAFKA_BROKERS ?? '').split(',');
  const kafka = new Kafka({ ...kafkaConnectionOptions(), clientId: 'e2e-partner', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const consumer: Consumer = kafka.consumer({ groupId: `e2e-partner-${Date.now()}-${Math.random().toString(36).slice(2)}` });
  const records: StakeholderRecord[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: options.fromBeginning ?? false });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const header = (name: string) => message.headers?.[name]?.toString() ?? null;
      records.push({
        topic,
        key: message.key?.toString() ?? null,
        type: header('ce_type') ?? '',
        traceparent: header('traceparent'),
        data: JSON.parse(message.value?.toString() ?? '{}') as Record<string, unknown>,
        id: header('ce_id') ?? '',
        receivedAt: Date.now(),
      });
    },
  });
  await joined;
  return { records, stop: () => consumer.disconnect() };
}

export interface WebhookDelivery {
  id: string;
  verified: boolean;
  /** The W3C trace header of the delivery (the sender's span), for the partner's own tracing. */
  traceparent: string | null;
  body: Record<string, unknown>;
}

/** A partner's HTTPS endpoint stand-in on loopback, verifying Standard Webhooks signatures. */
export async function startWebhookReceiver(): Promise<{ url: string; deliveries: WebhookDelivery[]; setSecret(secret: string): void; stop(): Promise<void> }> {
  const deliveries: WebhookDelivery[] = [];
  let verifier: Webhook | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const payload = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      let verified = false;
      try {
        verifier?.verify(payload, headers);
        verified = verifier !== undefined;
      } catch {
        verified = false;
      }
      deliveries.push({ id: headers['webhook-id'] ?? '', verified, traceparent: headers['traceparent'] ?? null, body: JSON.parse(payload || '{}') as Record<string, unknown> });
      res.writeHead(verified ? 204 : 401).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/webhooks/guichet`,
    deliveries,
    setSecret: (secret) => {
      verifier = new Webhook(secret);
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
export async function startSmtpSink(): Promise<{ url: string; mails: ReceivedMail[]; stop(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${port}`, mails, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}
