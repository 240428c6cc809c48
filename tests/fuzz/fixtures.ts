import { chinon, chinonPremises, chinonRequest } from '../e2e/support/chinon.js';
import { call, type Reply } from '../e2e/support/http.js';
import type { ServiceName } from '../e2e/support/services.js';
import { clientCredentialsToken, passwordToken } from '../harness/tokens.js';

/**
 * Real resources created before a document is fuzzed, so that most generated calls on
 * `/…/{id}` reach a stored resource instead of a 404. Each returns, per path parameter, the
 * identifiers the fuzzer draws from (alongside values it makes up).
 */

export type SeededIds = Record<string, readonly string[]>;

export interface Target {
  /** The service's base URL. */
  readonly url: string;
  /** Where a seeded webhook subscription delivers (a receiver of the run). */
  readonly webhookUrl: string;
}

function created(reply: Reply, what: string, expected: readonly number[] = [200, 201]): Record<string, unknown> {
  if (!expected.includes(reply.status)) {
    throw new Error(`préparation du fuzzing : ${what} refusé (${reply.status}) ${JSON.stringify(reply.body)}`);
  }
  return reply.body;
}

/** A complete request of an intern who wants to settle near Chinon. */
const request = chinonRequest(
  { lastName: 'Fuzzing', email: 'lea.fuzzing@example.org' },
  { housing: { from: '2027-05-03', until: '2027-10-31', maxMonthlyRent: { amountCents: 40000, currency: 'EUR' }, people: 1 } },
  { ars: true, cpam: true, ordre: true, collectivites: true },
);

/** A submitted request of the fuzzing candidate, in the ARS Centre-Val de Loire caseworker's territory. */
async function seedIntake({ url }: Target): Promise<SeededIds> {
  const candidate = await passwordToken('interne.demo');
  const draft = await call(url, 'POST', '/v1/requests', candidate, request, { 'Idempotency-Key': 'fuzz-seed-draft' });
  const requestId = String(created(draft, 'brouillon').id);
  created(await call(url, 'POST', `/v1/requests/${requestId}/submit`, candidate, undefined, { 'If-Match': draft.etag ?? '' }), 'dépôt', [200]);
  return { requestId: [requestId] };
}

const premises = chinonPremises('Cabinet en maison de santé, Chinon');

/** An offer of the Indre-et-Loire publisher and the aid schemes seeded at start. */
async function seedMatching({ url }: Target): Promise<SeededIds> {
  const publisher = await passwordToken('publisher.37');
  const offer = created(await call(url, 'POST', '/v1/offers', publisher, premises, { 'Idempotency-Key': 'fuzz-seed-offer' }), 'offre');
  const schemes = created(await call(url, 'GET', '/v1/aid-schemes', undefined), 'liste des aides', [200]);
  const items = Array.isArray(schemes.items) ? (schemes.items as { id?: unknown }[]) : [];
  return {
    offerId: [String(offer.id)],
    schemeId: items.slice(0, 5).flatMap((item) => (typeof item.id === 'string' ? [item.id] : [])),
    communeCode: [chinon, '37261'],
  };
}

/** A webhook subscription of the ARS partner, delivered to the run's receiver. */
async function seedNotifications({ url, webhookUrl }: Target): Promise<SeededIds> {
  const partner = await clientCredentialsToken('partner-ars');
  const subscription = {
    url: webhookUrl,
    eventTypes: ['fr.sante.guichet.stakeholder.ars.request-submitted.v1'],
    territory: { departements: ['37'] },
  };
  const reply = created(await call(url, 'POST', '/v1/subscriptions', partner, subscription, { 'Idempotency-Key': 'fuzz-seed-subscription' }), 'abonnement');
  return { subscriptionId: [String(reply.id)] };
}

export const seeders: Record<ServiceName, (target: Target) => Promise<SeededIds>> = {
  intake: seedIntake,
  matching: seedMatching,
  notifications: seedNotifications,
};
