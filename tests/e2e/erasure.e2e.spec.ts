import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { eventCatalogue, isRppsNumber, stakeholderTopics } from '@guichet/contracts';
import { clientCredentialsToken, passwordToken } from '../harness/tokens.js';
import { chinonPremises, chinonRequest } from './support/chinon.js';
import { call } from './support/http.js';
import { eventually, startKafkaPartner, startWebhookReceiver } from './support/partners.js';
import { readableInDatabases, readableOnTopics } from './support/readable.js';
import { startDesk, type Desk } from './support/desk.js';
import type { RunningService } from './support/services.js';

/**
 * « Erasure erases »: a candidate's case flows to every partner (Kafka streams and a signed webhook),
 * the candidate erases their data, then every topic the run's services write and every collection
 * of their databases is read from the beginning, as an intruder with the broker's and the
 * database's administrator rights would: the name, the e-mail and the RPPS number are nowhere readable.
 */

jest.setTimeout(300_000);

const run = randomUUID().slice(0, 8);
const surname = `Effacee${[...run].map((c) => String.fromCharCode(97 + (parseInt(c, 16) % 26))).join('')}`;
const email = `effacement.${run}@example.org`;
const prefix = `erasure-${run}.`;
// The run's key vault of its own, scanned like the services' databases.
const keyVault = `erasure_${run}_keys`;
const databases = [...['intake', 'matching', 'notifications'].map((name) => `erasure_${run}_${name}`), keyVault];

/** An RPPS number of this run: ten random digits and the Luhn key. */
function runRpps(): string {
  const body = [...randomBytes(10)].map((b) => String(b % 10)).join('');
  for (let key = 0; key <= 9; key += 1) if (isRppsNumber(`${body}${key}`)) return `${body}${key}`;
  throw new Error('no Luhn key');
}
const rpps = runRpps();

const request = {
  ...chinonRequest(
    { lastName: surname, email },
    { premises: { premisesTypes: ['msp-room'], surfaceM2Min: 15, surfaceM2Max: 30, maxMonthlyRent: { amountCents: 60000, currency: 'EUR' }, availableFrom: '2027-11-02' } },
    { ars: true, cpam: true, ordre: true, collectivites: true },
  ),
  rpps,
  notes: `Joindre ${surname} à ${email} (RPPS ${rpps}).`,
};

let desk: Desk | undefined;
let intake: RunningService;
let matching: RunningService;
let notifications: RunningService;
let partner: Awaited<ReturnType<typeof startKafkaPartner>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  desk = await startDesk({ name: 'erasure', run, prefix, common: { KEY_VAULT_DB: keyVault }, notifications: { SMTP_URL: process.env.MAIL_SMTP_URL ?? '', PORTAL_URL: 'http://127.0.0.1:5173' } });
  ({ intake, matching, notifications } = desk);
  partner = await startKafkaPartner(Object.values(stakeholderTopics).map((topic) => `${prefix}${topic}`));
}, 360_000);

afterAll(async () => {
  await desk?.stop();
  await Promise.all([partner?.stop(), receiver?.stop()]);
});

describe('erasure', () => {
  let requestId = '';

  it('lets the case reach every partner while it lives', async () => {
    const published = await call(matching.url, 'POST', '/v1/offers', await passwordToken('publisher.37'), chinonPremises(`Cabinet MSP effacement ${run}`), { 'Idempotency-Key': `erasure-${run}-offer` });
    expect(published.status).toBe(201);
    const ars = await clientCredentialsToken('partner-ars');
    const arsEvents = Object.entries(eventCatalogue).filter(([, entry]) => entry.topic === stakeholderTopics.ars).map(([type]) => type);
    const created = await call(notifications.url, 'POST', '/v1/subscriptions', ars, { url: receiver.url, eventTypes: arsEvents, territory: { departements: ['37'] } }, { 'Idempotency-Key': `erasure-${run}-sub` });
    expect(created.status).toBe(201);
    receiver.setSecret(String(created.body.secret));

    const candidate = await passwordToken('interne.demo');
    const draft = await call(intake.url, 'POST', '/v1/requests', candidate, request, { 'Idempotency-Key': `erasure-${run}-draft` });
    expect(draft.status).toBe(201);
    requestId = String(draft.body.id);
    const submitted = await call(intake.url, 'POST', `/v1/requests/${requestId}/submit`, candidate, undefined, { 'If-Match': draft.etag ?? '' });
    expect(submitted.status).toBe(200);
    const proposals = await eventually('proposals', async () => {
      const reply = await call(intake.url, 'GET', `/v1/requests/${requestId}/proposals`, candidate);
      return reply.status === 200 && Array.isArray(reply.body.bundles) && reply.body.bundles.length > 0 ? reply.body : undefined;
    }, 120_000);
    const [bundle] = proposals.bundles as { id: string }[];
    const current = await call(intake.url, 'GET', `/v1/requests/${requestId}`, candidate);
    const accepted = await call(intake.url, 'POST', `/v1/requests/${requestId}/proposals/accept`, candidate, { proposalSetId: proposals.proposalSetId, bundleId: bundle?.id }, { 'If-Match': current.etag ?? '', 'Idempotency-Key': `erasure-${run}-accept` });
    expect(accepted.status).toBe(200);
    await eventually('reservation confirmed', async () => ((await call(intake.url, 'GET', `/v1/requests/${requestId}`, candidate)).body.status === 'in_progress' ? true : undefined), 120_000);

    const onStreams = (type: string) => (partner.records.some((r) => r.key === requestId && r.type === type) ? true : undefined);
    await eventually('the reservation on the CPAM stream', () => onStreams('fr.sante.guichet.stakeholder.cpam.reservation-confirmed.v1'), 120_000);
    await eventually('webhook deliveries', () => (receiver.deliveries.some((d) => JSON.stringify(d.body).includes(requestId)) ? true : undefined), 120_000);
  });

  it('leaves the name, e-mail and RPPS readable in no topic and no collection once erased', async () => {
    const candidate = await passwordToken('interne.demo');
    const erased = await call(intake.url, 'POST', '/v1/me/erasure', candidate, undefined, { 'Idempotency-Key': `erasure-${run}-erase` });
    expect(erased.status).toBe(200);
    await eventually('the erasure forwarded to partners', () => (partner.records.some((r) => r.key === requestId && r.type.endsWith('.request-erased.v1')) ? true : undefined), 120_000);

    // The candidate's account id too: a pseudonym, still personal data.
    const subject = String((JSON.parse(Buffer.from(candidate.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: string }).sub);
    expect(subject).toMatch(/^[0-9a-f-]{36}$/);
    const needles = [surname, email, rpps, subject];
    const onTopics = await readableOnTopics(prefix, needles);
    const inDatabases = await readableInDatabases(databases, needles);
    // The services' own logs of the run: personal fields are redacted before they are written.
    const logs = await Promise.all(['intake', 'matching', 'notifications'].map(async (name) => ({ name, text: await readFile(fileURLToPath(new URL(`../../test-artifacts/e2e/erasure-${run}-${name}.log`, import.meta.url)), 'utf8') })));
    const inLogs = logs.flatMap(({ name, text }) => needles.filter((needle) => text.includes(needle)).map((needle) => `log ${name}: ${needle}`));
    expect({ onTopics, inDatabases, inLogs }).toEqual({ onTopics: [], inDatabases: [], inLogs: [] });
  });
});
