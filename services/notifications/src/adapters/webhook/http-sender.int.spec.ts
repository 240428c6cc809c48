import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { UrlGuard } from '../../domain/url-guard.js';
import { HttpWebhookSender } from './http-sender.js';

// A partner's endpoint on the loopback interface: what it received, and how it answers.
interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

function listen(server: Server | TcpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

const loopbackGuard = new UrlGuard({ allowLoopback: true, allowedCidrs: [] });
const productionGuard = new UrlGuard({ allowLoopback: false, allowedCidrs: [] });

describe('webhook sender', () => {
  const received: Received[] = [];
  let answer: (path: string) => { status: number; headers?: Record<string, string> } | 'silence' = () => ({ status: 204 });
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const reply = answer(req.url ?? '');
      if (reply !== 'silence') res.writeHead(reply.status, reply.headers).end('ok');
    });
  });
  // Counts the connections a refused target would have received.
  let connections = 0;
  const tcp = createTcpServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  let base = '';
  let tcpPort = 0;
  const senders: HttpWebhookSender[] = [];
  const sender = (guard: UrlGuard, timeoutMs = 5000) => {
    const created = new HttpWebhookSender(guard, timeoutMs);
    senders.push(created);
    return created;
  };

  beforeAll(async () => {
    base = `http://127.0.0.1:${await listen(receiver)}`;
    tcpPort = await listen(tcp);
  });
  afterEach(async () => {
    received.length = 0;
    connections = 0;
    answer = () => ({ status: 204 });
    await Promise.all(senders.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
    await new Promise((resolve) => tcp.close(resolve));
  });

  it('posts the signed body as given and reports the receiver’s status', async () => {
    const headers = { 'content-type': 'application/cloudevents+json', 'webhook-id': 'evt-1', 'webhook-timestamp': '1764000000', 'webhook-signature': 'v1,abc=' };
    const body = JSON.stringify({ id: 'evt-1', data: { commune: 'Tours' } });
    const outcome = await sender(loopbackGuard).send({ url: `${base}/hooks/ars?source=guichet`, body, headers });
    expect(outcome.statusCode).toBe(204);
    expect(outcome.error).toBeUndefined();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', url: '/hooks/ars?source=guichet', body, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } });
    expect(received[0]?.headers['user-agent']).toBe('GuichetInstallationSante-Webhooks/1.0');
  });

  it('sends many deliveries to one receiver over a few kept connections', async () => {
    const send = sender(loopbackGuard);
    const outcomes = await Promise.all(Array.from({ length: 300 }, (_, i) => send.send({ url: `${base}/hooks`, body: `{"n":${i}}`, headers: {} })));
    expect(outcomes.every((o) => o.statusCode === 204)).toBe(true);
    expect(new Set(received.map((r) => r.body)).size).toBe(300);
  });

  it('does not follow a redirection: the 3xx is the outcome and its target receives nothing', async () => {
    answer = (path) => (path === '/moved' ? { status: 307, headers: { location: `${base}/elsewhere` } } : { status: 204 });
    const outcome = await sender(loopbackGuard).send({ url: `${base}/moved`, body: '{}', headers: {} });
    expect(outcome.statusCode).toBe(307);
    expect(received.map((r) => r.url)).toEqual(['/moved']);
  });

  it('refuses, when it connects, a host name that resolves to an internal address', async () => {
    const outcome = await sender(productionGuard).send({ url: `https://localhost:${tcpPort}/hooks`, body: '{}', headers: {} });
    expect(outcome.statusCode).toBeUndefined();
    expect(outcome.error).toBe('destination interdite : l’hôte désigne un réseau privé, local ou réservé');
    expect(connections).toBe(0);
  });

  it('refuses a private address written in the URL without connecting, and plain http outside the loopback test mode', async () => {
    const send = sender(productionGuard);
    expect((await send.send({ url: `https://127.0.0.1:${tcpPort}/hooks`, body: '{}', headers: {} })).error).toBe('destination interdite : l’hôte désigne un réseau privé, local ou réservé');
    for (const host of ['[::ffff:10.0.0.7]', `[::127.0.0.1]:${tcpPort}`, `[::7f00:1]:${tcpPort}`, `[::ffff:0:7f00:1]:${tcpPort}`]) {
      expect((await send.send({ url: `https://${host}/hooks`, body: '{}', headers: {} })).error).toBe('destination interdite : l’hôte désigne un réseau privé, local ou réservé');
    }
    expect((await send.send({ url: `${base}/hooks`, body: '{}', headers: {} })).error).toBe('https obligatoire : l’adresse doit commencer par https://');
    expect(connections).toBe(0);
    expect(received).toHaveLength(0);
  });

  it('reports a receiver that does not answer in time, and one that refuses the connection', async () => {
    answer = () => 'silence';
    const late = await sender(loopbackGuard, 1000).send({ url: `${base}/slow`, body: '{}', headers: {} });
    expect(late).toMatchObject({ error: 'délai de réponse dépassé (1 s)' });
    const closed = createTcpServer();
    const port = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const refused = await sender(loopbackGuard).send({ url: `http://127.0.0.1:${port}/hooks`, body: '{}', headers: {} });
    expect(refused).toMatchObject({ error: 'connexion refusée' });
  });

  it('reports a connection the receiver cuts before answering', async () => {
    const send = sender(loopbackGuard);
    const outcome = await send.send({ url: `http://127.0.0.1:${tcpPort}/hooks`, body: '{}', headers: {} });
    expect(outcome.error).toBe('connexion interrompue par le destinataire');
  });
});
