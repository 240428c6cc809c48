import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { eventCatalogue, stakeholderStreams, stakeholderTopics, topics } from '@guichet/contracts';
import { clientCredentialsToken, passwordToken } from '../harness/tokens.js';
import { chinonRequest } from './support/chinon.js';
import { call } from './support/http.js';
import { eventually, startKafkaPartner, startWebhookReceiver } from './support/partners.js';
import { startDesk, type Desk } from './support/desk.js';
import type { RunningService } from './support/services.js';

/**
 * The candidate's access log holds every reading of their case made outside intake, on the real
 * stack with the three services: a caseworker reading the proposals in matching, the ARS
 * receiving the case on its Kafka stream and by its webhook. Each says who, what and when, in French.
 */

jest.setTimeout(180_000);

const run = randomUUID().slice(0, 8);
const surname = `Journal${[...run].map((c) => String.fromCharCode(97 + (parseInt(c, 16) % 26))).join('')}`;
const prefix = `e2e-access-${run}.`;
const arsStream = `${prefix}${stakeholderStreams.ars['region-24']}`;
const ars = 'Agence régionale de santé Centre-Val de Loire';

let desk: Desk | undefined;
let intake: RunningService;
let matching: RunningService;
let notifications: RunningService;
let partner: Awaited<ReturnType<typeof startKafkaPartner>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

const request = chinonRequest({ lastName: surname, email: `lea.${run}@example.org` }, { premises: { premisesTypes: ['msp-room'], surfaceM2Min: 15, surfaceM2Max: 30, maxMonthlyRent: { amountCents: 60000, currency: 'EUR' }, availableFrom: '2027-11-02' } }, { ars: true, cpam: false, ordre: false, collectivites: false });

interface Entry {
  at: string;
  actorKind: string;
  actorName?: string;
  organisation?: string;
  action: string;
  channel?: string;
  what?: string;
}

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  desk = await startDesk({ name: 'access-log', run, prefix, intake: { ACCESS_TOPIC: `${prefix}${topics.auditCaseAccess}` } });
  ({ intake, matching, notifications } = desk);
  partner = await startKafkaPartner([arsStream]);
}, 360_000);

afterAll(async () => {
  await desk?.stop();
  await Promise.all([partner?.stop(), receiver?.stop()]);
});

describe('the candidate’s access log', () => {
  let requestId = '';
  let candidate = '';

  beforeAll(async () => {
    const ars = await clientCredentialsToken('partner-ars');
    const arsEvents = Object.entries(eventCatalogue).filter(([, entry]) => entry.topic === stakeholderTopics.ars).map(([type]) => type);
    const created = await call(notifications.url, 'POST', '/v1/subscriptions', ars, { url: receiver.url, eventTypes: arsEvents, territory: { departements: ['37'] } }, { 'Idempotency-Key': `access-${run}-sub` });
    expect(created.status).toBe(201);
    receiver.setSecret(String(created.body.secret));

    candidate = await passwordToken('interne.demo');
    const draft = await call(intake.url, 'POST', '/v1/requests', candidate, request, { 'Idempotency-Key': `access-${run}-draft` });
    expect(draft.status).toBe(201);
    requestId = String(draft.body.id);
    const submitted = await call(intake.url, 'POST', `/v1/requests/${requestId}/submit`, candidate, undefined, { 'If-Match': draft.etag ?? '' });
    expect(submitted.status).toBe(200);
  }, 180_000);

  const accessLog = async (): Promise<Entry[]> => {
    const reply = await call(intake.url, 'GET', `/v1/requests/${requestId}/access-log`, candidate);
    expect(reply.status).toBe(200);
    return reply.body.items as Entry[];
  };

  it('shows the ARS caseworker who read the proposals in matching', async () => {
    const caseworker = await passwordToken('ars.cvl');
    const readAt = new Date().toISOString();
    await eventually('proposals in matching', async () => ((await call(matching.url, 'GET', `/v1/proposals/${requestId}`, caseworker)).status === 200 ? true : undefined), 120_000);
    const entry = await eventually('proposals read in the access log', async () => (await accessLog()).find((e) => e.action === 'proposals-read'), 60_000);
    expect(entry).toEqual({
      at: expect.any(String),
      actorKind: 'caseworker-ars',
      actorName: 'ars.cvl',
      organisation: 'ARS Centre-Val de Loire',
      action: 'proposals-read',
      channel: 'http',
      what: 'Propositions d’installation du dossier (offres et aides évaluées)',
    });
    expect(entry.at >= readAt).toBe(true);
  });

  it('shows the submission disclosed to the ARS on its Kafka stream', async () => {
    await eventually('the case on the ARS stream', () => (partner.records.some((r) => r.key === requestId) ? true : undefined), 120_000);
    const entry = await eventually('Kafka disclosure in the access log', async () => (await accessLog()).find((e) => e.channel === 'kafka' && e.organisation === ars && e.what === 'Dépôt de votre demande'), 60_000);
    expect(entry).toEqual({
      at: expect.any(String),
      actorKind: 'partner',
      organisation: ars,
      action: 'disclosure',
      channel: 'kafka',
      what: 'Dépôt de votre demande',
    });
  });

  it('shows the submission delivered to the ARS by its webhook', async () => {
    await eventually('webhook delivery', () => (receiver.deliveries.some((d) => d.verified && JSON.stringify(d.body).includes(requestId)) ? true : undefined), 120_000);
    const entry = await eventually('webhook disclosure in the access log', async () => (await accessLog()).find((e) => e.channel === 'webhook' && e.organisation === ars && e.what === 'Dépôt de votre demande'), 60_000);
    expect(entry).toEqual({
      at: expect.any(String),
      actorKind: 'partner',
      organisation: ars,
      action: 'disclosure',
      channel: 'webhook',
      what: 'Dépôt de votre demande',
    });
  });

  it('holds one entry per event the ARS received, by each channel, and the other families’ streams too', async () => {
    // Counted on what the partner got: each event once in the log, whatever the redeliveries.
    const received = () => ({
      kafka: new Set(partner.records.filter((r) => r.key === requestId).map((r) => r.id)).size,
      webhook: new Set(receiver.deliveries.filter((d) => d.verified && JSON.stringify(d.body).includes(requestId)).map((d) => d.id)).size,
    });
    const logged = async () => {
      // The other families have streams of their own, each disclosure logged too: the ARS's are counted here.
      const log = (await accessLog()).filter((e) => e.organisation === ars);
      return { kafka: log.filter((e) => e.channel === 'kafka').length, webhook: log.filter((e) => e.channel === 'webhook').length };
    };
    let last: unknown;
    await eventually('one entry per event received', async () => {
      const [got, inLog] = [received(), await logged()];
      last = { received: got, logged: inLog };
      return got.kafka > 0 && got.webhook > 0 && got.kafka === inLog.kafka && got.webhook === inLog.webhook ? true : undefined;
    }, 60_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; last: ${JSON.stringify(last)}`);
    });
    // CPAM, Ordre and collectivités of 37 get the case on their streams (minimised, without identity where refused).
    const organisations = new Set((await accessLog()).filter((e) => e.channel === 'kafka').map((e) => e.organisation));
    expect(organisations).toEqual(new Set([ars, 'Assurance Maladie (CPAM) Indre-et-Loire', 'Ordre des médecins Indre-et-Loire', 'Collectivités territoriales Indre-et-Loire']));
  });
});
