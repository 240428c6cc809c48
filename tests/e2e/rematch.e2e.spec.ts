import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { eventCatalogue, topics } from '@guichet/contracts';
import { kafkaConnectionOptions } from '@guichet/platform';
import { Kafka, logLevel } from 'kafkajs';
import { passwordToken } from '../harness/tokens.js';
import { chinon, chinonRequest } from './support/chinon.js';
import { call, type Reply } from './support/http.js';
import { demoMailbox } from './support/mailbox.js';
import { eventually, startKafkaPartner } from './support/partners.js';
import { startDesk, type Desk } from './support/desk.js';
import type { RunningService } from './support/services.js';

/**
 * Re-matching across the desk, through public interfaces only, on the real stack: a candidate's
 * submitted request has its proposals; a publisher then publishes better premises in a commune
 * the request targets; matching recomputes the open request, marks the set with its improvement,
 * intake serves the new proposals to the candidate, matching to the caseworker, and notifications
 * e-mails the candidate once that a better proposal awaits.
 */

// Several processes share two cores with the broker, the database and Keycloak: generous limits.
jest.setTimeout(240_000);

const run = randomUUID().slice(0, 8);
// Person names refuse digits: a unique surname spelt with letters only.
const surname = `Rematch${[...run].map((c) => String.fromCharCode(97 + (parseInt(c, 16) % 26))).join('')}`;
const name = 'rematch';
const prefix = `e2e-${name}-${run}.`;
const proposalsTopic = `${prefix}${topics.matchingProposals}`;
const proposalsComputed = Object.entries(eventCatalogue).find(([, entry]) => entry.topic === topics.matchingProposals && entry.schema === 'ProposalsComputed')?.[0];
const betterSubject = 'Une meilleure proposition d’installation vous attend';

let intake: RunningService;
let matching: RunningService;
let desk: Desk | undefined;
let proposalsReader: Awaited<ReturnType<typeof startKafkaPartner>>;
const mailbox = demoMailbox();
const admin = new Kafka({ ...kafkaConnectionOptions(), clientId: `e2e-rematch-${run}`, brokers: (process.env.KAFKA_BROKERS ?? '').split(','), logLevel: logLevel.NOTHING }).admin();

/**
 * Whether matching's re-matching group has consumed every offer event of the run (at least
 * `count`): the offers are then in its index, and a request submitted now is computed with them.
 */
async function offersConsumed(count: number): Promise<true | undefined> {
  const topic = `${prefix}${topics.catalogueOffers}`;
  const high = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
  if ([...high.values()].reduce((sum, n) => sum + n, 0) < count) return undefined;
  const [committed] = await admin.fetchOffsets({ groupId: `${desk?.group('matching')}-rematch`, topics: [topic] });
  // A partition nothing was ever committed on says -1: behind only if it holds a record.
  const behind = (committed?.partitions ?? []).some(({ partition, offset }) => Math.max(0, Number(offset)) < (high.get(partition) ?? 0));
  return committed && !behind ? true : undefined;
}

const request = chinonRequest(
  { lastName: surname, email: `lea.rematch.${run}@example.org` },
  { premises: { premisesTypes: ['msp-room'], surfaceM2Min: 15, surfaceM2Max: 30, maxMonthlyRent: { amountCents: 80000, currency: 'EUR' }, availableFrom: '2027-11-02' } },
  { ars: true, cpam: true, ordre: true, collectivites: false },
);

/** A room in a maison de santé of Chinon at the given rent: the cheaper, the better the bundle scores. */
const premises = (title: string, rentCents: number) => ({
  kind: 'premises',
  details: {
    premisesType: 'msp-room', title, communeCode: chinon, surfaceM2: 18,
    monthlyRent: { amountCents: rentCents, currency: 'EUR' }, availableFrom: '2027-09-01', contact: { name: 'Mairie de Chinon', email: 'sante@ville-chinon.example.fr' },
  },
});

interface DigestBundle {
  id: string;
  premisesOfferId?: string;
  score: { total: number };
}

beforeAll(async () => {
  await admin.connect();
  desk = await startDesk({ name, run, prefix, notifications: { SMTP_URL: mailbox.smtpUrl, PORTAL_URL: 'http://127.0.0.1:5173' } });
  ({ intake, matching } = desk);
  // The run's own topic: everything on it is this run's.
  proposalsReader = await startKafkaPartner([proposalsTopic], { fromBeginning: true });
}, 360_000);

afterAll(async () => {
  await desk?.stop();
  await Promise.all([proposalsReader?.stop(), admin.disconnect()]);
});

describe('an offer published after a request was proposed to', () => {
  let requestId = '';
  let firstOfferId = '';
  let firstBestScore = 0;
  let candidate = '';
  let betterOffer = { id: '', etag: '' };

  const proposalsOf = (id: string) => proposalsReader.records.filter((r) => r.type === proposalsComputed && r.key === id);

  async function publish(offer: ReturnType<typeof premises>, key: string): Promise<{ id: string; etag: string }> {
    const published = await call(matching.url, 'POST', '/v1/offers', await passwordToken('publisher.37'), offer, { 'Idempotency-Key': `e2e-rematch-${run}-${key}` });
    expect({ status: published.status }).toEqual({ status: 201 });
    return { id: String(published.body.id), etag: published.etag ?? '' };
  }

  const betterMails = async () => (await mailbox.mailsTo(request.contact.email)).filter((m) => m.subject === betterSubject);

  /** The candidate's proposals as intake serves them, once `ready` says they are the awaited ones. */
  async function candidateProposals(ready: (bundles: DigestBundle[]) => boolean): Promise<Record<string, unknown>> {
    let seen: Reply | undefined;
    return eventually('the candidate’s proposals', async () => {
      seen = await call(intake.url, 'GET', `/v1/requests/${requestId}/proposals`, candidate);
      return seen.status === 200 && Array.isArray(seen.body.bundles) && ready(seen.body.bundles as DigestBundle[]) ? seen.body : undefined;
    }, 120_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; last answer: ${JSON.stringify(seen)}`);
    });
  }

  it('gives the submitted request its first proposals', async () => {
    expect(proposalsComputed).toBeDefined();
    firstOfferId = (await publish(premises(`Cabinet MSP Chinon cher ${run}`, 75000), 'dear')).id;
    // Submitted before matching holds the offer, the request would first get no proposal, and the
    // offer would then come as an improvement of its own.
    await eventually('the first offer in matching', () => offersConsumed(1), 60_000);
    candidate = await passwordToken('interne.demo');
    const draft = await call(intake.url, 'POST', '/v1/requests', candidate, request, { 'Idempotency-Key': `e2e-rematch-${run}-draft` });
    expect({ status: draft.status, body: draft.body }).toEqual({ status: 201, body: expect.objectContaining({ status: 'draft' }) });
    requestId = String(draft.body.id);
    const submitted = await call(intake.url, 'POST', `/v1/requests/${requestId}/submit`, candidate, undefined, { 'If-Match': draft.etag ?? '' });
    expect({ status: submitted.status, body: submitted.body }).toEqual({ status: 200, body: expect.objectContaining({ status: 'submitted' }) });

    const first = await candidateProposals((bundles) => bundles.some((b) => b.premisesOfferId === firstOfferId));
    expect(first).not.toHaveProperty('improvement');
    firstBestScore = Math.max(...(first.bundles as DigestBundle[]).map((b) => b.score.total));
  });

  it('recomputes the request when better premises are published in a commune it targets, and everyone sees it', async () => {
    betterOffer = await publish(premises(`Cabinet MSP Chinon abordable ${run}`, 20000), 'cheap');
    const betterOfferId = betterOffer.id;
    expect(betterOfferId).not.toBe(firstOfferId);

    // The candidate, through intake: the new offer is proposed, first, above the earlier best.
    const digest = await candidateProposals((bundles) => bundles.some((b) => b.premisesOfferId === betterOfferId));
    const bundles = digest.bundles as DigestBundle[];
    const better = bundles.find((b) => b.premisesOfferId === betterOfferId)!;
    expect(better.score.total).toBeGreaterThan(firstBestScore);
    expect(digest).toMatchObject({ trigger: 'offer-changed', improvement: { bundleId: better.id, previousBestScore: firstBestScore } });

    // The caseworker of the territory, through matching: the same set.
    const caseworker = await call(matching.url, 'GET', `/v1/proposals/${requestId}`, await passwordToken('ars.cvl'));
    expect({ status: caseworker.status, proposalSetId: caseworker.body.proposalSetId }).toEqual({ status: 200, proposalSetId: digest.proposalSetId });
    expect((caseworker.body.bundles as DigestBundle[]).map((b) => b.premisesOfferId)).toContain(betterOfferId);

    // On the broker: one proposals-computed naming the new bundle as an improvement.
    const improved = await eventually('an improvement on the topic', () => {
      const found = proposalsOf(requestId).filter((r) => r.data.improvement !== undefined);
      return found.length > 0 ? found : undefined;
    }, 60_000);
    expect(improved.map((r) => r.data.improvement)).toEqual([expect.objectContaining({ bundleId: better.id })]);
    expect(improved[0]?.data.proposalSetId).toBe(digest.proposalSetId);

    // The candidate's mailbox: exactly one « meilleure proposition » e-mail, to the candidate's address.
    const mails = await eventually('the better-proposal e-mail', async () => {
      const found = await betterMails();
      return found.length > 0 ? found : undefined;
    }, 120_000);
    expect(mails.map((m) => m.to)).toEqual([[request.contact.email]]);
    expect(mails[0]?.text).toContain(`/candidat/demandes/${requestId}/suivi`);
  });

  it('recomputes the request when that offer is withdrawn, with no improvement and no other e-mail', async () => {
    const withdrawn = await call(matching.url, 'DELETE', `/v1/offers/${betterOffer.id}`, await passwordToken('publisher.37'), undefined, { 'If-Match': betterOffer.etag });
    expect({ status: withdrawn.status, offerStatus: withdrawn.body.status }).toEqual({ status: 200, offerStatus: 'withdrawn' });

    const digest = await candidateProposals((bundles) => bundles.length > 0 && bundles.every((b) => b.premisesOfferId !== betterOffer.id));
    expect((digest.bundles as DigestBundle[]).map((b) => b.premisesOfferId)).toEqual([firstOfferId]);
    expect(digest).toMatchObject({ trigger: 'offer-changed' });
    expect(digest).not.toHaveProperty('improvement');
    const latest = await eventually('the withdrawal on the topic', () => proposalsOf(requestId).find((r) => r.data.proposalSetId === digest.proposalSetId), 60_000);
    expect(latest.data).not.toHaveProperty('improvement');
    expect((await betterMails()).length).toBe(1);
  });
});
