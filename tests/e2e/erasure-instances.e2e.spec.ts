import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { isRppsNumber, topics } from '@guichet/contracts';
import { passwordToken } from '../harness/tokens.js';
import { chinonRequest } from './support/chinon.js';
import { call } from './support/http.js';
import { startInstance } from './support/instances.js';
import { eventually } from './support/partners.js';
import { startService, type RunningService } from './support/services.js';

/**
 * Two instances of intake on one database and topics. The candidate writes their case through
 * the second, which then keeps it in memory; they erase their data through the first. The second
 * answers the case without the person, and drops what it kept of the case (it says so in its log,
 * by the case id alone).
 */

jest.setTimeout(300_000);

const run = randomUUID().slice(0, 8);
const prefix = `erasure-instances-${run}.`;
const surname = `Oubliee${[...run].map((c) => String.fromCharCode(97 + (parseInt(c, 16) % 26))).join('')}`;
const email = `oubli.${run}@example.org`;
const logName = `erasure-instances-${run}-intake.log`;

/** An RPPS number of this run: ten random digits and the Luhn key. */
function runRpps(): string {
  const body = [...randomBytes(10)].map((b) => String(b % 10)).join('');
  for (let key = 0; key <= 9; key += 1) if (isRppsNumber(`${body}${key}`)) return `${body}${key}`;
  throw new Error('no Luhn key');
}

let matching: RunningService;
const intakes: RunningService[] = [];

beforeAll(async () => {
  const common = { LOG_LEVEL: 'info', TOPIC_PREFIX: prefix, KEY_VAULT_DB: `erasure_instances_${run}_keys` };
  // Matching creates the run's topics.
  matching = await startService('matching', { ...common, MONGODB_DB: `erasure_instances_${run}_matching`, CONSUMER_GROUP_PREFIX: `erasure-instances-${run}-matching` }, undefined, { logName: `erasure-instances-${run}-matching.log` });
  const intake = {
    ...common,
    MONGODB_DB: `erasure_instances_${run}_intake`,
    CONSUMER_GROUP: `erasure-instances-${run}-intake`,
    INTAKE_TOPIC: `${prefix}${topics.intakeRequests}`,
    MATCHING_TOPIC: `${prefix}${topics.matchingProposals}`,
  };
  for (const index of [0, 1]) intakes.push(await startInstance('intake', index, intake, 120_000, { logName }));
}, 360_000);

afterAll(async () => {
  await Promise.all([...intakes, matching].map((service) => service?.stop()));
});

describe('an erasure made through one instance of intake', () => {
  it('leaves the other instance neither answering nor keeping the person', async () => {
    const [first, second] = intakes as [RunningService, RunningService];
    const candidate = await passwordToken('interne.demo');
    const request = {
      rpps: runRpps(),
      ...chinonRequest({ lastName: surname, email }, { premises: { premisesTypes: ['msp-room'], surfaceM2Min: 15, surfaceM2Max: 30, maxMonthlyRent: { amountCents: 60000, currency: 'EUR' }, availableFrom: '2027-11-02' } }, { ars: true, cpam: false, ordre: false, collectivites: false }),
    };
    const draft = await call(second.url, 'POST', '/v1/requests', candidate, request, { 'Idempotency-Key': `erasure-instances-${run}-draft` });
    expect(draft.status).toBe(201);
    const requestId = String(draft.body.id);
    const submitted = await call(second.url, 'POST', `/v1/requests/${requestId}/submit`, candidate, undefined, { 'If-Match': draft.etag ?? '' });
    expect({ status: submitted.status, body: submitted.status === 200 ? undefined : submitted.body }).toEqual({ status: 200, body: undefined });
    const caseworker = await passwordToken('ars.cvl');
    const before = await call(second.url, 'GET', `/v1/cases/${requestId}`, caseworker);
    expect(JSON.stringify(before.body)).toContain(surname);

    const erased = await call(first.url, 'POST', '/v1/me/erasure', candidate, undefined, { 'Idempotency-Key': `erasure-instances-${run}-erase` });
    expect(erased.status).toBe(200);

    const after = await call(second.url, 'GET', `/v1/cases/${requestId}`, caseworker);
    expect(JSON.stringify(after.body)).not.toContain(surname);
    expect(JSON.stringify(after.body)).not.toContain(email);
    const secondLog = fileURLToPath(new URL(`../../test-artifacts/e2e/${logName.replace(/\.log$/, '-2.log')}`, import.meta.url));
    const forgotten = await eventually('the second instance forgetting the case', async () => {
      const lines = (await readFile(secondLog, 'utf8')).split('\n').filter((line) => line.includes('"forgottenCase"'));
      return lines.some((line) => line.includes(requestId)) ? lines : undefined;
    }, 60_000);
    expect(forgotten.join('\n')).not.toContain(surname);
  });
});
