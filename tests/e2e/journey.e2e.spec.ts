import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { eventCatalogue, stakeholderTopics } from '@guichet/contracts';
import { clientCredentialsToken, passwordToken } from '../harness/tokens.js';
import { demoMailbox } from './support/mailbox.js';
import { eventually, startKafkaPartner, startWebhookReceiver } from './support/partners.js';
import { chinon, chinonPremises, chinonRequest } from './support/chinon.js';
import { call, type Reply } from './support/http.js';
import { startDesk, type Desk } from './support/desk.js';
import type { RunningService } from './support/services.js';

/**
 * The whole desk, through public interfaces only, on the real stack: a candidate submits, matching
 * proposes, the candidate accepts, offers are reserved, every stakeholder hears what it may know,
 * a partner's webhook gets signed deliveries, the candidate gets e-mails, the caseworker closes the
 * loop. One trace id runs from the submission to the webhook delivery.
 */

// Several processes share two cores with the broker, the database and Keycloak: generous limits.
jest.setTimeout(180_000);

const run = randomUUID().slice(0, 8);
// Person names refuse digits: a unique surname spelt with letters only.
const surname = `Parcours${[...run].map((c) => String.fromCharCode(97 + (parseInt(c, 16) % 26))).join('')}`;
const prefix = `e2e-${run}.`;
const traceId = randomUUID().replace(/-/g, '');
const traceparent = `00-${traceId}-${'ab'.repeat(8)}-01`;

let desk: Desk | undefined;
let intake: RunningService;
let matching: RunningService;
let notifications: RunningService;
let partner: Awaited<ReturnType<typeof startKafkaPartner>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const mailbox = demoMailbox();
const portalUrl = 'http://127.0.0.1:5173';

const request = chinonRequest(
  { lastName: surname, email: `lea.${run}@example.org` },
  {
    premises: { premisesTypes: ['msp-room'], surfaceM2Min: 15, surfaceM2Max: 30, maxMonthlyRent: { amountCents: 60000, currency: 'EUR' }, availableFrom: '2027-11-02' },
    housing: { from: '2027-05-03', until: '2027-10-31', maxMonthlyRent: { amountCents: 40000, currency: 'EUR' }, people: 2 },
    spouseJob: { profession: 'education-enseignement', employmentSector: 'public', workingTime: 'full-time', maxCommuteKm: 30 },
  },
  { ars: true, cpam: true, ordre: true, collectivites: false },
);

const offers = [
  chinonPremises(`Cabinet MSP Chinon ${run}`),
  {
    kind: 'housing',
    details: {
      title: `Studio internes Chinon ${run}`, communeCode: chinon, nearbyHospital: { name: 'Centre hospitalier du Chinonais', communeCode: chinon }, beds: 2,
      monthlyPrice: { amountCents: 15000, currency: 'EUR' }, furnished: true, availablePeriods: [{ from: '2027-05-01', until: '2027-10-31' }],
      eligibleOccupants: ['intern'], contact: { name: 'Mairie de Chinon', email: 'sante@ville-chinon.example.fr' },
    },
  },
  {
    kind: 'job',
    details: {
      title: `Professeur des écoles ${run}`, profession: 'education-enseignement', employer: 'DSDEN 37', employmentSector: 'public', communeCode: chinon,
      contractType: 'fixed-term', workingTime: 'full-time', hoursPerWeek: 35, startDate: '2027-05-03', contact: { email: 'recrutement@ac-orleans-tours.example.fr' },
    },
  },
];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  desk = await startDesk({ name: 'journey', run, prefix, notifications: { SMTP_URL: mailbox.smtpUrl, PORTAL_URL: portalUrl } });
  ({ intake, matching, notifications } = desk);
  // Notifications has created the stakeholder topics; nothing is published on them before the submission.
  partner = await startKafkaPartner(Object.values(stakeholderTopics).map((topic) => `${prefix}${topic}`));
}, 360_000);

afterAll(async () => {
  await desk?.stop();
  await Promise.all([partner?.stop(), receiver?.stop()]);
});

describe('the whole journey of one candidate across the desk', () => {
  let requestId = '';

  it('publishes offers on the territory and subscribes a partner webhook', async () => {
    const publisher = await passwordToken('publisher.37');
    for (const offer of offers) {
      const published = await call(matching.url, 'POST', '/v1/offers', publisher, offer, { 'Idempotency-Key': `e2e-${run}-${offer.kind}` });
      expect(published.status).toBe(201);
    }
    const ars = await clientCredentialsToken('partner-ars');
    const arsEvents = Object.entries(eventCatalogue).filter(([, entry]) => entry.topic === stakeholderTopics.ars).map(([type]) => type);
    const subscription = { url: receiver.url, eventTypes: arsEvents, territory: { departements: ['37'] } };
    const created = await call(notifications.url, 'POST', '/v1/subscriptions', ars, subscription, { 'Idempotency-Key': `e2e-${run}-sub` });
    expect(created.status).toBe(201);
    receiver.setSecret(String(created.body.secret));
  }, 180_000);

  it('takes the request, proposes bundles with reasons, and reserves the accepted one', async () => {
    const candidate = await passwordToken('interne.demo');
    const draft = await call(intake.url, 'POST', '/v1/requests', candidate, request, { 'Idempotency-Key': `e2e-${run}-draft` });
    expect({ status: draft.status, body: draft.body }).toEqual({ status: 201, body: expect.objectContaining({ status: 'draft' }) });
    requestId = String(draft.body.id);
    const submitted = await call(intake.url, 'POST', `/v1/requests/${requestId}/submit`, candidate, undefined, { 'If-Match': draft.etag ?? '', traceparent });
    expect({ status: submitted.status, body: submitted.body }).toEqual({ status: 200, body: expect.objectContaining({ status: 'submitted' }) });

    let seen: Reply | undefined;
    const proposals = await eventually('proposals', async () => {
      seen = await call(intake.url, 'GET', `/v1/requests/${requestId}/proposals`, candidate);
      return seen.status === 200 && Array.isArray(seen.body.bundles) && seen.body.bundles.length > 0 ? seen.body : undefined;
    }, 120_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; last answer: ${JSON.stringify(seen)}`);
    });
    const [bundle] = proposals.bundles as { id: string; explanation?: unknown; score?: unknown; aids?: unknown }[];
    expect(bundle?.score).toBeDefined();
    expect(bundle?.explanation).toBeDefined();
    expect(Array.isArray(bundle?.aids)).toBe(true);

    const current = await call(intake.url, 'GET', `/v1/requests/${requestId}`, candidate);
    expect(current.body.status).toBe('proposals_ready');
    const accepted = await call(
      intake.url, 'POST', `/v1/requests/${requestId}/proposals/accept`, candidate,
      { proposalSetId: proposals.proposalSetId, bundleId: bundle?.id },
      { 'If-Match': current.etag ?? '', 'Idempotency-Key': `e2e-${run}-accept` },
    );
    expect({ status: accepted.status, body: accepted.body }).toEqual({ status: 200, body: expect.objectContaining({ status: 'accepted' }) });
    await eventually('reservation confirmed', async () => {
      const reply = await call(intake.url, 'GET', `/v1/requests/${requestId}`, candidate);
      return reply.body.status === 'in_progress' ? reply : undefined;
    }, 60_000);
  }, 180_000);

  it('lets the ARS caseworker of the region mark the candidate installed', async () => {
    const caseworker = await passwordToken('ars.cvl');
    const detail = await call(intake.url, 'GET', `/v1/cases/${requestId}`, caseworker);
    expect(detail.status).toBe(200);
    const installed = await call(intake.url, 'POST', `/v1/cases/${requestId}/status`, caseworker, { to: 'installed', reason: 'Installation à la MSP de Chinon confirmée' }, { 'If-Match': detail.etag ?? '' });
    expect({ status: installed.status, body: installed.body }).toEqual({ status: 200, body: expect.objectContaining({ status: 'installed' }) });
  });

  it('tells each stakeholder family only what it may know, keyed by case', async () => {
    const mine = (topic: string) => partner.records.filter((r) => r.topic === `${prefix}${topic}` && r.key === requestId);
    await eventually('stakeholder events', () => (Object.values(stakeholderTopics).every((t) => mine(t).length > 0) ? true : undefined), 120_000);
    // The Ordre may know the identity: its event points to the call that serves it, and carries none.
    expect(JSON.stringify(mine(stakeholderTopics.ordre).map((r) => r.data))).not.toContain(request.identity.lastName);
    const announced = mine(stakeholderTopics.ordre).find((r) => r.data.personalData !== undefined)?.data.personalData as { href: string } | undefined;
    const read = await call(notifications.url, 'GET', announced?.href ?? '', await clientCredentialsToken('partner-ordre'));
    expect({ status: read.status, identity: read.body.identity }).toEqual({ status: 200, identity: expect.objectContaining({ lastName: request.identity.lastName }) });
    // The candidate refused consent to local authorities: no identity, no contact reaches them.
    for (const record of mine(stakeholderTopics.collectivites)) {
      expect(JSON.stringify(record.data)).not.toContain(request.identity.lastName);
      expect(JSON.stringify(record.data)).not.toContain(request.contact.email);
    }
    // CPAM never learns about the spouse or the housing.
    for (const record of mine(stakeholderTopics.cpam)) expect(JSON.stringify(record.data)).not.toMatch(/spouse|housing|education-enseignement/);
  });

  it('delivers signed webhooks carrying the trace of the submission', async () => {
    const forCase = () => receiver.deliveries.filter((d) => JSON.stringify(d.body).includes(requestId));
    await eventually('webhook deliveries', () => (forCase().length > 0 ? true : undefined), 120_000);
    expect(forCase().every((d) => d.verified)).toBe(true);
    expect(forCase().some((d) => String(d.body.traceparent ?? '').includes(traceId))).toBe(true);
  });

  it('e-mails the candidate, in French, once per step, to a mailbox a person can open', async () => {
    const mails = await eventually('e-mails', async () => {
      const received = await mailbox.mailsTo(request.contact.email);
      return received.length >= 3 ? received : undefined;
    }, 120_000);
    const subjects = mails.map((m) => m.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(subjects[0]).toBe('Votre demande d’installation a bien été déposée');
    for (const mail of mails) {
      expect(mail.to).toEqual([request.contact.email]);
      expect(mail.text).toContain(`Bonjour Léa ${request.identity.lastName},`);
      expect(mail.text).toContain(`${portalUrl}/candidat/demandes/${requestId}/suivi`);
      // Nothing of the case beyond the candidate's own name: no home commune, no hospital, no spouse's job.
      expect(mail.text).not.toMatch(/37261|Chinonais|education-enseignement|spouse/i);
    }
  });
});
