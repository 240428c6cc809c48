import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { topics, type ProposalDigest, type ProposalSet, type ZoningHistory } from '@guichet/contracts';
import { rppsNumber } from '../../scripts/demo-candidates.js';
import { loadDemo, type DemoLoadReport } from '../../scripts/demo-loader.js';
import { keycloakUrl, passwordToken } from '../harness/tokens.js';
import { eventually } from './support/partners.js';
import { call } from './support/http.js';
import { startService, type RunningService } from './support/services.js';

/**
 * The demo region as `npm start` loads it, on this run's own matching and intake: in each
 * département of Centre-Val de Loire an intern finds housing near the internship site, a doctor
 * finds premises and the aids of the commune's zone; the demo candidates get explained proposals
 * that the caseworkers of their territory see; loading again changes nothing.
 */

jest.setTimeout(300_000);

const run = randomUUID().slice(0, 8);
const prefix = `e2e-${run}.`;

let intake: RunningService;
let matching: RunningService;
let report: DemoLoadReport;

/** For each département, as a candidate would fill the form: a hospital that takes interns and a small town near it; a town to settle in. */
const places = [
  { departement: '18', internship: { communeCode: '18279', hospitalName: 'Centre hospitalier de Vierzon' }, internTarget: '18015', doctorTarget: '18241' },
  { departement: '28', internship: { communeCode: '28134', hospitalName: 'Centre hospitalier de Dreux' }, internTarget: '28280', doctorTarget: '28051' },
  { departement: '36', internship: { communeCode: '36044', hospitalName: 'Centre hospitalier de Châteauroux' }, internTarget: '36001', doctorTarget: '36046' },
  { departement: '37', internship: { communeCode: '37072', hospitalName: 'Centre hospitalier du Chinonais' }, internTarget: '37196', doctorTarget: '37226' },
  { departement: '41', internship: { communeCode: '41194', hospitalName: 'Centre hospitalier de Romorantin-Lanthenay' }, internTarget: '41232', doctorTarget: '41149' },
  { departement: '45', internship: { communeCode: '45155', hospitalName: 'Centre hospitalier de Gien' }, internTarget: '45053', doctorTarget: '45030' },
] as const;

const euros = (amount: number) => ({ amountCents: amount * 100, currency: 'EUR' });
const common = {
  identity: { firstName: 'Alix', lastName: 'Demo' },
  contact: { email: `alix.${run}@example.org` },
  specialty: 'medecine-generale',
  practice: { mode: 'msp', sector: '1', daysPerWeek: 4, coordinatedPractice: true, onCallParticipation: true },
  aids: { interested: true },
  consents: { ars: true, cpam: true, ordre: false, collectivites: false },
};

function internRequest(place: (typeof places)[number]) {
  return {
    ...common,
    status: 'intern',
    faculty: 'Université de Tours, UFR de médecine',
    internship: { ...place.internship, startDate: '2027-05-03', endDate: '2027-10-31', ambulatory: false },
    targets: { communes: [place.internTarget], radiusKm: 20 },
    desiredInstallationDate: '2027-11-02',
    needs: {
      housing: { from: '2027-05-03', until: '2027-10-31', maxMonthlyRent: euros(400), people: 1 },
      premises: { surfaceM2Min: 15, maxMonthlyRent: euros(600), availableFrom: '2027-11-02' },
    },
  };
}

function installationRequest(place: (typeof places)[number]) {
  return {
    ...common,
    status: 'graduated-doctor',
    rpps: rppsNumber('1000990012'),
    targets: { communes: [place.doctorTarget], radiusKm: 20 },
    desiredInstallationDate: '2027-09-01',
    needs: { premises: { surfaceM2Min: 15, maxMonthlyRent: euros(700), availableFrom: '2027-09-01' } },
  };
}

/** Files and submits one request as the candidate; a candidate has one open draft at a time, so their requests go one after the other. */
async function submit(candidate: string, body: unknown): Promise<string> {
  const token = await passwordToken(candidate);
  const draft = await call(intake.url, 'POST', '/v1/requests', token, body, { 'Idempotency-Key': `${run}-${randomUUID()}` });
  expect({ status: draft.status, body: draft.body }).toEqual({ status: 201, body: expect.objectContaining({ status: 'draft' }) });
  const id = String(draft.body.id);
  const submitted = await call(intake.url, 'POST', `/v1/requests/${id}/submit`, token, undefined, { 'If-Match': draft.etag ?? '' });
  expect({ status: submitted.status, body: submitted.body }).toEqual({ status: 200, body: expect.objectContaining({ status: 'submitted' }) });
  return id;
}

async function proposals(candidate: string, requestId: string): Promise<ProposalDigest> {
  const token = await passwordToken(candidate);
  let last: unknown;
  return eventually(`proposals of ${requestId}`, async () => {
    const reply = await call(intake.url, 'GET', `/v1/requests/${requestId}/proposals`, token);
    last = reply.body;
    const set = reply.body as unknown as ProposalDigest;
    return reply.status === 200 && set.bundles.length > 0 ? set : undefined;
  }, 150_000).catch((error: unknown) => {
    throw new Error(`${String(error)}; last answer: ${JSON.stringify(last)}`);
  });
}

async function zoneToday(communeCode: string): Promise<string | undefined> {
  const today = new Date().toISOString().slice(0, 10);
  const reply = await call(matching.url, 'GET', `/v1/zoning/communes/${communeCode}`, undefined);
  const history = reply.body as unknown as ZoningHistory;
  return history.entries.filter((e) => e.effectiveFrom <= today && (e.effectiveUntil === undefined || today < e.effectiveUntil)).at(-1)?.zone;
}

beforeAll(async () => {
  const env = { LOG_LEVEL: 'info', TOPIC_PREFIX: prefix };
  const logName = (name: string) => ({ logName: `demo-region-${run}-${name}.log` });
  matching = await startService('matching', { ...env, MONGODB_DB: `e2e_${run}_matching`, CONSUMER_GROUP_PREFIX: `e2e-${run}-matching` }, undefined, logName('matching'));
  intake = await startService('intake', {
    ...env,
    MONGODB_DB: `e2e_${run}_intake`,
    CONSUMER_GROUP: `e2e-${run}-intake`,
    INTAKE_TOPIC: `${prefix}${topics.intakeRequests}`,
    MATCHING_TOPIC: `${prefix}${topics.matchingProposals}`,
  }, undefined, logName('intake'));
  report = await loadDemo({ matchingUrl: matching.url, intakeUrl: intake.url, keycloakUrl: keycloakUrl() }, { proposalsTimeoutMs: 30_000 });
}, 420_000);

afterAll(async () => {
  await Promise.all([intake?.stop(), matching?.stop()]);
});

describe('the demo region of Centre-Val de Loire', () => {
  it('is published by several organisations of every département', () => {
    expect(report.offers).toEqual({ published: expect.any(Number), present: 0, withdrawn: 0 });
    expect(report.offers.published).toBeGreaterThan(600);
  });

  it('files a request for each demo candidate, with explained proposals the caseworkers of its territory see', async () => {
    const expected = [
      { username: 'interne.36', cpam: ['cpam.18', 'cpam.36'] },
      { username: 'docteur-junior.45', cpam: ['cpam.45'] },
      { username: 'medecin.18', cpam: ['cpam.18'] },
      { username: 'medecin.28', cpam: ['cpam.28'] },
    ];
    expect(report.candidates.map((c) => c.username).sort()).toEqual(expected.map((e) => e.username).sort());
    for (const { username, cpam } of expected) {
      const requestId = report.candidates.find((c) => c.username === username)!.requestId;
      const set = await proposals(username, requestId);
      expect({ username, explained: set.bundles.every((b) => (b.explanation ?? '').length > 0 && b.score.terms.length > 0) }).toEqual({ username, explained: true });
      for (const caseworker of ['ars.cvl', ...cpam]) {
        const seen = await call(intake.url, 'GET', `/v1/cases/${requestId}`, await passwordToken(caseworker));
        expect({ username, caseworker, status: seen.status }).toEqual({ username, caseworker, status: 200 });
      }
      const elsewhere = await call(intake.url, 'GET', `/v1/cases/${requestId}`, await passwordToken('cpam.37'));
      expect({ username, status: elsewhere.status }).toEqual({ username, status: 403 });
    }
  });

  it('gives, in each département, an intern housing near the internship site and premises near the wished town', async () => {
    const filed: { departement: string; id: string }[] = [];
    for (const place of places) filed.push({ departement: place.departement, id: await submit('interne.demo', internRequest(place)) });
    for (const { departement, id } of filed) {
      const set = await proposals('interne.demo', id);
      const withHousing = set.bundles.filter((b) => b.housingOfferId !== undefined && b.premisesOfferId !== undefined);
      expect({ departement, bundles: withHousing.length > 0, explained: withHousing.every((b) => (b.explanation ?? '').length > 0) }).toEqual({ departement, bundles: true, explained: true });
      expect(withHousing[0]!.distancesKm?.housingToInternship).toBeLessThanOrEqual(20);
    }
  });

  it('gives, in each département, a doctor premises and the aids of the zone of their commune', async () => {
    const filed: { departement: string; id: string }[] = [];
    for (const place of places) filed.push({ departement: place.departement, id: await submit('interne2.demo', installationRequest(place)) });
    for (const { departement, id } of filed) {
      await proposals('interne2.demo', id);
      // Which criterion each aid meets is in the full set, which matching serves to the caseworkers.
      const full = await call(matching.url, 'GET', `/v1/proposals/${id}`, await passwordToken('ars.cvl'));
      expect(full.status).toBe(200);
      const bundle = (full.body as unknown as ProposalSet).bundles.find((b) => b.premisesOfferId !== undefined)!;
      expect(bundle.communeCode.startsWith(departement)).toBe(true);
      const zone = await zoneToday(bundle.communeCode);
      const zoneAids = bundle.eligibility.verdicts
        .filter((v) => v.status !== 'not-eligible' && v.reasons.some((r) => r.criterion === 'zone' && r.outcome === 'met'))
        .map((v) => v.schemeId);
      expect({ departement, zone: bundle.zone, zoneAids: zoneAids.length > 0 }).toEqual({ departement, zone, zoneAids: true });
    }
  });

  it('loads again without publishing or filing anything, and withdraws what an earlier demo published that it no longer plans', async () => {
    const publisher = await passwordToken('publisher.37');
    const earlier = await call(matching.url, 'POST', '/v1/offers', publisher, {
      kind: 'premises',
      details: { premisesType: 'msp-room', title: 'Local médical à Tours (démo 1)', communeCode: '37261', surfaceM2: 20, monthlyRent: euros(300), availableFrom: '2026-01-01' },
    }, { 'Idempotency-Key': `${run}-earlier-demo` });
    expect(earlier.status).toBe(201);
    const again = await loadDemo({ matchingUrl: matching.url, intakeUrl: intake.url, keycloakUrl: keycloakUrl() });
    expect(again.offers).toEqual({ published: 0, present: report.offers.published, withdrawn: 1 });
    expect((await call(matching.url, 'GET', `/v1/offers/${String(earlier.body.id)}`, publisher)).body.status).toBe('withdrawn');
    expect(again.aids.added).toBe(0);
    expect(again.candidates.map((c) => c.requestId).sort()).toEqual(report.candidates.map((c) => c.requestId).sort());
  });
});
