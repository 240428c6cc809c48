import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../../../tests/harness/eventually.js';
import { ensureBuilt, portalDir } from './harness/portal-server.js';
import { freePort } from '../../../tests/e2e/support/services.js';

// The built portal as `npm start` serves it (vite preview), on a port of its own, its /api proxy
// pointing at a stand-in service that keeps the headers it receives.
let portal: ChildProcess;
let service: Server;
let origin: string;
const received: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  await ensureBuilt();
  service = createHttpServer((req, res) => {
    received.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', () => resolve()));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  portal = spawn(process.execPath, [vite, 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: portalDir,
    env: { ...process.env, MATCHING_URL: `http://127.0.0.1:${(service.address() as AddressInfo).port}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await eventually(async () => {
    if (!(await fetch(origin)).ok) throw new Error('portail pas encore servi');
  });
}, 400_000);

afterAll(async () => {
  if (portal && portal.exitCode === null) {
    await new Promise<void>((resolve) => {
      portal.once('exit', () => resolve());
      portal.kill('SIGTERM');
    });
  }
  await new Promise<void>((resolve) => (service ? service.close(() => resolve()) : resolve()));
});

describe('the portal’s server', () => {
  it('serves its pages with a CSP that admits only its own scripts, and forbids framing and sniffing', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('tells the services behind its proxy who the visitor is', async () => {
    const answer = await fetch(`${origin}/api/matching/v1/simulations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(answer.status).toBe(200);
    const headers = received[received.length - 1];
    expect(headers?.['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers?.['x-forwarded-proto']).toBe('http');
  });
});
