import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startRun, type TestRun } from './support.js';
import { freePort } from '../../../tests/e2e/support/services.js';

// Behind the portal's proxy (on loopback, as `npm start` runs it): the services trust it to say
// who the visitor is, so a limit per client applies to each visitor, not to the proxy.
let run: TestRun;
let base: string;

const simulation = {
  profile: { status: 'graduated-doctor', specialty: 'medecine-generale', projects: ['installation'], sector: '1', practiceMode: 'msp', coordinatedPractice: true, firstInstallation: true, plannedInstallationDate: '2026-11-02', maxCommitmentYears: 5 },
  communeInsee: '37261',
  referenceDate: '2026-09-01',
};

const simulate = (visitor: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/v1/simulations`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': visitor, ...headers }, body: JSON.stringify(simulation) });

beforeAll(async () => {
  const port = await freePort();
  run = await startRun('hardening', { PORT: String(port), TRUST_PROXY: 'loopback', SIMULATIONS_PER_MINUTE: '5' }, { listen: true });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await run?.stop();
});

describe('HTTP hardening of matching behind the portal’s proxy', () => {
  it('limits the public simulation per visitor: one visitor’s excess does not block another', async () => {
    const first: number[] = [];
    for (let call = 0; call < 6; call += 1) first.push((await simulate('203.0.113.10')).status);
    expect(first).toEqual([200, 200, 200, 200, 200, 429]);
    const other = await simulate('198.51.100.20');
    expect(other.status).toBe(200);
    expect(other.headers.get('x-content-type-options')).toBe('nosniff');
    expect(other.headers.get('x-frame-options')).toBe('DENY');
  });

  it('sends HSTS only on what reached the proxy over https', async () => {
    expect((await simulate('192.0.2.30', { 'x-forwarded-proto': 'https' })).headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    expect((await simulate('192.0.2.31')).headers.get('strict-transport-security')).toBeNull();
  });
});
