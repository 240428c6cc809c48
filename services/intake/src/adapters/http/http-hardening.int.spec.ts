import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestIntake, tokenOf, type TestIntake } from '../test-support.js';

let intake: TestIntake;
let lea: string;

beforeAll(async () => {
  intake = await startTestIntake('hardening', { HTTP_REQUEST_TIMEOUT_MS: '1000', HTTP_HEADERS_TIMEOUT_MS: '1000' });
  lea = await tokenOf('interne.demo');
});

afterAll(async () => {
  await intake?.close();
});

/** Sends the headers of a POST and half of its body, then nothing: what the server answers, once it closes. */
function slowBody(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error(`aucune réponse du serveur à un corps envoyé au ralenti : ${answer}`));
    }, 60_000);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('utf8');
    });
    socket.on('close', () => {
      clearTimeout(guard);
      resolve(answer);
    });
    socket.on('error', () => undefined);
    socket.write(`POST /v1/requests HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 200\r\nAuthorization: Bearer ${lea}\r\n\r\n{"status":`);
  });
}

describe('HTTP hardening of intake', () => {
  it('answers personal data with security headers and never lets it be cached', async () => {
    const created = await fetch(`${intake.url}/v1/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${lea}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'intern', targets: { departements: ['37'] } }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const read = await fetch(`${intake.url}/v1/requests/${id}`, { headers: { authorization: `Bearer ${lea}` } });
    expect(read.status).toBe(200);
    for (const response of [created, read, await fetch(`${intake.url}/v1/absent`)]) {
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      // Plain http here: HSTS means something only on https.
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('cuts a request whose body arrives too slowly with a 408, instead of holding it for minutes', async () => {
    const answer = await slowBody(intake.url);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });
});
