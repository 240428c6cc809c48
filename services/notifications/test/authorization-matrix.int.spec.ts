import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Role } from '@guichet/platform';
import { clientCredentialsToken, passwordToken } from '../../../tests/harness/tokens.js';
import type { RunningNotifications } from '../src/main.js';
import { BLOIS, completeRequest, newCaseIds, requestSubmitted, type CaseIds } from './fixtures.js';
import { api, CasePublisher, eventually, openDatabase, SmtpSink, startService, unique, uniqueTopics, WebhookReceiver } from './harness.js';

// Every route of notifications' OpenAPI × every kind of caller, with tokens of the real Keycloak:
// each role, the partner on what is its own or another organisation's, in and out of its territory.
// The partner of the cells is partner-ordre (département 37), whose events announce the candidate's
// identity from the submission on; partner-cpam is another organisation of the same territory; the
// Loir-et-Cher (41) is outside it.

jest.setTimeout(180_000);

/** What a caller aims at: its territory (37) or the Loir-et-Cher (41). */
interface Target {
  departement: '37' | '41';
  /** A case the Ordre was told about, with its identity (consent given to the Ordre, refused to the CPAM). */
  request: string;
}

interface Who {
  name: string;
  user?: string;
  partner?: string;
  role?: Role;
  at: '37' | '41';
  inTerritory: boolean;
  otherOrganisation?: boolean;
}

const WHO: Who[] = [
  { name: 'candidate', user: 'interne.demo', role: 'candidate', at: '37', inTerritory: true },
  { name: 'ars caseworker', user: 'ars.cvl', role: 'caseworker-ars', at: '37', inTerritory: true },
  { name: 'cpam caseworker', user: 'cpam.37', role: 'caseworker-cpam', at: '37', inTerritory: true },
  { name: 'ordre', user: 'ordre.37', role: 'ordre', at: '37', inTerritory: true },
  { name: 'collectivité', user: 'departement.37', role: 'collectivite', at: '37', inTerritory: true },
  { name: 'offer publisher', user: 'publisher.37', role: 'offer-publisher', at: '37', inTerritory: true },
  { name: 'admin', user: 'admin.demo', role: 'admin', at: '37', inTerritory: true },
  { name: 'partner, its own, in territory', partner: 'partner-ordre', role: 'partner', at: '37', inTerritory: true },
  { name: 'partner, its own, out of territory (41)', partner: 'partner-ordre', role: 'partner', at: '41', inTerritory: false },
  { name: 'partner of another organisation', partner: 'partner-cpam', role: 'partner', at: '37', inTerritory: true, otherOrganisation: true },
  { name: 'no token', at: '37', inTerritory: true },
];

interface Route {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** `subscription`: the Ordre's subscription of the run; a route that removes it gets one of its own per cell. */
  path: (t: Target, subscription: string) => string;
  body?: (t: Target) => unknown;
  /** Creating calls carry an Idempotency-Key of their own. */
  idempotent?: boolean;
  /** Removes its subscription: each cell gets a fresh one. */
  destroys?: boolean;
  roles: readonly Role[] | 'public';
  allowed: number;
  outOfTerritory?: number;
  otherOrganisation?: number;
}

const PARTNER: Role[] = ['partner'];
const ORDRE_SUBMITTED = 'fr.sante.guichet.stakeholder.ordre.request-submitted.v1';
const OTHERS = 404;
let replayId = '';

const ROUTES: Route[] = [
  {
    name: 'create a subscription',
    method: 'POST',
    path: () => '/v1/subscriptions',
    body: (t) => ({ url: receiver.url, eventTypes: [ORDRE_SUBMITTED], territory: { departements: [t.departement] } }),
    idempotent: true,
    roles: PARTNER,
    allowed: 201,
    outOfTerritory: 403,
    // The Ordre's event types are not another family's to subscribe to.
    otherOrganisation: 400,
  },
  { name: 'list my subscriptions', method: 'GET', path: () => '/v1/subscriptions', roles: PARTNER, allowed: 200, outOfTerritory: 200 },
  { name: 'read a subscription', method: 'GET', path: (_t, s) => `/v1/subscriptions/${s}`, roles: PARTNER, allowed: 200, outOfTerritory: 200, otherOrganisation: OTHERS },
  { name: 'pause or resume a subscription', method: 'PATCH', path: (_t, s) => `/v1/subscriptions/${s}`, body: () => ({ status: 'active' }), roles: PARTNER, allowed: 200, outOfTerritory: 200, otherOrganisation: OTHERS },
  { name: 'delete a subscription', method: 'DELETE', path: (_t, s) => `/v1/subscriptions/${s}`, destroys: true, roles: PARTNER, allowed: 204, outOfTerritory: 204, otherOrganisation: OTHERS },
  {
    name: 'rotate the signing secret',
    method: 'POST',
    path: (_t, s) => `/v1/subscriptions/${s}/secret-rotations`,
    body: () => ({ overlapSeconds: 3600 }),
    idempotent: true,
    roles: PARTNER,
    allowed: 201,
    outOfTerritory: 201,
    otherOrganisation: OTHERS,
  },
  { name: 'list deliveries', method: 'GET', path: (_t, s) => `/v1/subscriptions/${s}/deliveries`, roles: PARTNER, allowed: 200, outOfTerritory: 200, otherOrganisation: OTHERS },
  { name: 'list dead letters', method: 'GET', path: (_t, s) => `/v1/subscriptions/${s}/dead-letters`, roles: PARTNER, allowed: 200, outOfTerritory: 200, otherOrganisation: OTHERS },
  // No dead letter in the run: the owner gets through to « no such dead letter », as does any other.
  { name: 'redeliver a dead letter', method: 'POST', path: (_t, s) => `/v1/subscriptions/${s}/dead-letters/${randomUUID()}/redeliver`, roles: PARTNER, allowed: 404, outOfTerritory: 404, otherOrganisation: OTHERS },
  {
    name: 'ask for a replay',
    method: 'POST',
    path: (_t, s) => `/v1/subscriptions/${s}/replays`,
    body: () => ({ from: new Date(Date.now() - 3_600_000).toISOString() }),
    roles: PARTNER,
    allowed: 202,
    outOfTerritory: 202,
    otherOrganisation: OTHERS,
  },
  { name: 'follow a replay', method: 'GET', path: (_t, s) => `/v1/subscriptions/${s}/replays/${replayId}`, roles: PARTNER, allowed: 200, outOfTerritory: 200, otherOrganisation: OTHERS },
  // The case of 41 was never disclosed to the Ordre of 37; the CPAM had no consent: neither learns it exists.
  { name: 'read the personal part of a case', method: 'GET', path: (t) => `/v1/partner-cases/${t.request}/personal-data`, roles: PARTNER, allowed: 200, outOfTerritory: 404, otherOrganisation: 404 },
  { name: 'liveness', method: 'GET', path: () => '/health/live', roles: 'public', allowed: 200 },
  { name: 'readiness', method: 'GET', path: () => '/health/ready', roles: 'public', allowed: 200 },
];

function expected(route: Route, who: Who): number {
  if (route.roles === 'public') return route.allowed;
  if (who.role === undefined) return 401;
  if (!route.roles.includes(who.role)) return 403;
  if (!who.inTerritory) return route.outOfTerritory ?? 403;
  if (who.otherOrganisation) return route.otherOrganisation ?? route.allowed;
  return route.allowed;
}

const topics = uniqueTopics();
const database = unique('notifications_authz_');
let service: RunningNotifications;
let publisher: CasePublisher;
let smtp: SmtpSink;
let receiver: WebhookReceiver;
let subscription = '';
const targets: Record<'37' | '41', Target> = { '37': { departement: '37', request: '' }, '41': { departement: '41', request: '' } };
const tokens = new Map<string, Promise<string>>();
const tokenOf = (who: Pick<Who, 'user' | 'partner'>): Promise<string> | undefined => {
  const key = who.user ?? who.partner;
  if (key === undefined) return undefined;
  if (!tokens.has(key)) tokens.set(key, who.user ? passwordToken(who.user) : clientCredentialsToken(key));
  return tokens.get(key);
};
const ordre = (): Promise<string> => tokenOf({ partner: 'partner-ordre' }) as Promise<string>;

async function subscribe(): Promise<string> {
  const created = await api<{ subscription: { id: string } }>(service.url, await ordre(), 'POST', '/v1/subscriptions', { url: receiver.url, eventTypes: [ORDRE_SUBMITTED] }, { 'Idempotency-Key': randomUUID() });
  expect(created.status).toBe(201);
  return created.body.subscription.id;
}

/** A case submitted to the desk, its identity consented to the Ordre only. */
async function disclosedCase(departement: '37' | '41'): Promise<string> {
  const ids: CaseIds = newCaseIds();
  const request = completeRequest({ ars: false, cpam: false, ordre: true, collectivites: false });
  const event = requestSubmitted(ids, request);
  if (departement === '41') event.data.territory = { regions: ['24'], departements: ['41'], communes: [BLOIS] };
  await publisher.publish(event);
  return ids.requestId;
}

beforeAll(async () => {
  smtp = await new SmtpSink().start();
  receiver = await new WebhookReceiver().start();
  publisher = await CasePublisher.open(topics);
  service = await startService({ database, groupPrefix: unique('notifications-authz-'), topics, smtpPort: smtp.port });
  await Promise.all(WHO.map(tokenOf));
  subscription = await subscribe();
  const replay = await api<{ id: string }>(service.url, await ordre(), 'POST', `/v1/subscriptions/${subscription}/replays`, { from: new Date(Date.now() - 3_600_000).toISOString() });
  expect(replay.status).toBe(202);
  replayId = replay.body.id;
  targets['37'].request = await disclosedCase('37');
  targets['41'].request = await disclosedCase('41');
  // Both cases projected: the one of 41 then answers 404 for what it is, not for being unknown yet.
  await eventually(async () => expect((await api(service.url, await ordre(), 'GET', `/v1/partner-cases/${targets['37'].request}/personal-data`)).status).toBe(200));
  const mongo = await openDatabase(database);
  try {
    await eventually(async () => expect(await mongo.db.collection('cases').countDocuments({ _id: targets['41'].request } as never)).toBe(1));
  } finally {
    await mongo.close();
  }
});

afterAll(async () => {
  await service?.stop();
  await publisher?.close();
  await receiver?.close();
  await smtp?.close();
  const mongo = await openDatabase(database);
  await mongo.db.dropDatabase();
  await mongo.close();
});

describe('notifications authorization matrix', () => {
  const cells = ROUTES.flatMap((route) => WHO.map((who) => [`${route.method} ${route.name}`, who.name, expected(route, who), route, who] as const));

  it('covers every route of the OpenAPI file for every kind of caller', () => {
    expect(new Set(ROUTES.map((route) => route.name)).size).toBe(14);
    expect(cells).toHaveLength(14 * WHO.length);
  });

  it.each(cells)('%s as %s → %i', async (_name, _who, status, route, who) => {
    const target = targets[who.at];
    const token = await tokenOf(who);
    const own = route.destroys ? await subscribe() : subscription;
    const headers: Record<string, string> = route.idempotent ? { 'Idempotency-Key': randomUUID() } : {};
    const response = await api<{ detail?: string }>(service.url, token, route.method, route.path(target, own), route.body?.(target), headers);
    expect(response.status).toBe(status);
    if (status >= 400) {
      expect(response.contentType).toContain('application/problem+json');
      expect(response.body.detail).toMatch(/[a-zàâçéèêëîïôûùüÿœ]{3,}/);
    }
  });

  it('leaves the Ordre’s subscription to the Ordre alone: another organisation neither lists nor changed it', async () => {
    const cpam = await api<{ items: Array<{ id: string }> }>(service.url, await tokenOf({ partner: 'partner-cpam' }), 'GET', '/v1/subscriptions');
    expect(cpam.body.items.map((s) => s.id)).not.toContain(subscription);
    const mine = await api<{ id: string; status: string }>(service.url, await ordre(), 'GET', `/v1/subscriptions/${subscription}`);
    expect({ status: mine.status, state: mine.body.status }).toEqual({ status: 200, state: 'active' });
  });
});
