import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cloudEventSources } from '@guichet/contracts';
import { call, completeRequest, eventually, KARIM, proposalSet, startTestIntake, submittedCase, tokenOf, type TestIntake } from '../test-support.js';

// Every route × every kind of caller, with tokens of the real Keycloak. Modifications carry a stale
// If-Match: a 409 proves the caller got through authentication, role and territory, and changes nothing.

type Who =
  | 'candidate-own'
  | 'candidate-other'
  | 'ars-in-territory'
  | 'cpam-in-territory'
  | 'ars-out-of-territory'
  | 'cpam-out-of-territory'
  | 'partner'
  | 'ordre'
  | 'collectivite'
  | 'offer-publisher'
  | 'admin'
  | 'no-token'
  | 'expired-token';

const USERS: Record<Exclude<Who, 'no-token' | 'expired-token'>, string> = {
  'candidate-own': 'interne.demo',
  'candidate-other': 'interne2.demo',
  'ars-in-territory': 'ars.cvl',
  'cpam-in-territory': 'cpam.37',
  'ars-out-of-territory': 'ars.idf',
  'cpam-out-of-territory': 'cpam.37',
  partner: 'partner-ars',
  ordre: 'ordre.37',
  collectivite: 'mairie.37',
  'offer-publisher': 'publisher.37',
  admin: 'admin.demo',
};
const WHO = [...Object.keys(USERS), 'no-token', 'expired-token'] as Who[];

interface Route {
  name: string;
  method: string;
  path: (ids: Ids) => string;
  body?: unknown;
  headers?: Record<string, string>;
  family: 'candidate' | 'caseworker';
  /** Status for the owner (candidate routes) or a caseworker of the case's territory (caseworker routes). */
  allowed: number;
  /** Status for another candidate (candidate routes) or a caseworker of another territory. */
  refused: number;
  admin?: number;
}

interface Ids {
  /** Léa's case in Indre-et-Loire (37), with proposals and an open information request. */
  lea: string;
  /** Karim's case in the Loiret (45): same region, another département. */
  karim: string;
  infoRequest: string;
}

const STALE = { 'if-match': '"999"' };
const SOME_ID = '7d1f6a52-3c2b-4c8e-a0f4-5b9e2d1c7a30';
const PERIOD = 'from=2026-01-01&to=2030-12-31';

const ROUTES: Route[] = [
  { name: 'create or resume a draft', method: 'POST', path: () => '/v1/requests', body: {}, family: 'candidate', allowed: 200, refused: 201 },
  { name: 'list my requests', method: 'GET', path: () => '/v1/requests', family: 'candidate', allowed: 200, refused: 200 },
  { name: 'read a request', method: 'GET', path: ({ lea }) => `/v1/requests/${lea}`, family: 'candidate', allowed: 200, refused: 404 },
  { name: 'update a request', method: 'PUT', path: ({ lea }) => `/v1/requests/${lea}`, body: {}, headers: STALE, family: 'candidate', allowed: 409, refused: 404 },
  { name: 'submit', method: 'POST', path: ({ lea }) => `/v1/requests/${lea}/submit`, headers: STALE, family: 'candidate', allowed: 409, refused: 404 },
  { name: 'withdraw', method: 'POST', path: ({ lea }) => `/v1/requests/${lea}/withdraw`, body: {}, headers: STALE, family: 'candidate', allowed: 409, refused: 404 },
  { name: 'read proposals', method: 'GET', path: ({ lea }) => `/v1/requests/${lea}/proposals`, family: 'candidate', allowed: 200, refused: 404 },
  {
    name: 'accept a bundle',
    method: 'POST',
    path: ({ lea }) => `/v1/requests/${lea}/proposals/accept`,
    body: { proposalSetId: SOME_ID, bundleId: SOME_ID },
    headers: STALE,
    family: 'candidate',
    allowed: 409,
    refused: 404,
  },
  {
    name: 'decline proposals',
    method: 'POST',
    path: ({ lea }) => `/v1/requests/${lea}/proposals/decline`,
    body: { proposalSetId: SOME_ID, reason: 'Trop loin' },
    headers: STALE,
    family: 'candidate',
    allowed: 409,
    refused: 404,
  },
  { name: 'list information requests', method: 'GET', path: ({ lea }) => `/v1/requests/${lea}/info-requests`, family: 'candidate', allowed: 200, refused: 404 },
  {
    name: 'answer an information request',
    method: 'POST',
    path: ({ lea, infoRequest }) => `/v1/requests/${lea}/info-requests/${infoRequest}/answer`,
    body: { answer: 'Convention jointe.' },
    family: 'candidate',
    allowed: 200,
    refused: 404,
  },
  { name: 'read my access log', method: 'GET', path: ({ lea }) => `/v1/requests/${lea}/access-log`, family: 'candidate', allowed: 200, refused: 404 },
  { name: 'export my data', method: 'GET', path: () => '/v1/me/export', family: 'candidate', allowed: 200, refused: 200 },
  { name: 'queue', method: 'GET', path: () => '/v1/cases', family: 'caseworker', allowed: 200, refused: 200 },
  { name: 'case detail', method: 'GET', path: ({ lea }) => `/v1/cases/${lea}`, family: 'caseworker', allowed: 200, refused: 403 },
  {
    name: 'assign the referent',
    method: 'PUT',
    path: ({ lea }) => `/v1/cases/${lea}/referent`,
    body: { referentId: 'agent-1' },
    headers: STALE,
    family: 'caseworker',
    allowed: 409,
    refused: 403,
  },
  {
    name: 'change the status',
    method: 'POST',
    path: ({ lea }) => `/v1/cases/${lea}/status`,
    body: { to: 'under_review', reason: 'Reprise du dossier' },
    headers: STALE,
    family: 'caseworker',
    allowed: 409,
    refused: 403,
  },
  { name: 'list comments', method: 'GET', path: ({ lea }) => `/v1/cases/${lea}/comments`, family: 'caseworker', allowed: 200, refused: 403 },
  { name: 'add a comment', method: 'POST', path: ({ lea }) => `/v1/cases/${lea}/comments`, body: { text: 'Vu.' }, family: 'caseworker', allowed: 201, refused: 403 },
  {
    name: 'ask for information',
    method: 'POST',
    path: ({ lea }) => `/v1/cases/${lea}/info-requests`,
    body: { question: 'Votre RPPS ?', dueDate: '2099-01-01' },
    headers: STALE,
    family: 'caseworker',
    allowed: 409,
    refused: 403,
  },
  { name: 'audit trail', method: 'GET', path: ({ lea }) => `/v1/cases/${lea}/audit`, family: 'caseworker', allowed: 200, refused: 403, admin: 200 },
  // Last: erasing Léa's data would change every answer above.
  { name: 'statistics of my territory', method: 'GET', path: () => `/v1/statistics?${PERIOD}`, family: 'caseworker', allowed: 200, refused: 200 },
  { name: 'open data of my territory', method: 'GET', path: () => `/v1/statistics/open-data?${PERIOD}&format=json`, family: 'caseworker', allowed: 200, refused: 200 },
  { name: 'erase my data', method: 'POST', path: () => '/v1/me/erasure', family: 'candidate', allowed: 200, refused: 200 },
];

function expected(route: Route, who: Who): number {
  if (who === 'no-token' || who === 'expired-token') return 401;
  if (route.family === 'candidate') {
    if (who === 'candidate-own') return route.allowed;
    if (who === 'candidate-other') return route.refused;
    return 403;
  }
  if (who === 'ars-in-territory' || who === 'cpam-in-territory') return route.allowed;
  if (who === 'ars-out-of-territory' || who === 'cpam-out-of-territory') return route.refused;
  if (who === 'admin') return route.admin ?? 403;
  return 403;
}

let intake: TestIntake;
const ids: Ids = { lea: '', karim: '', infoRequest: '' };

beforeAll(async () => {
  intake = await startTestIntake('authz');
  for (const user of Object.values(USERS)) await tokenOf(user);
  const lea = await tokenOf('interne.demo');
  ids.lea = (await submittedCase(intake.url, lea)).id;
  ids.karim = (await submittedCase(intake.url, await tokenOf('interne2.demo'), completeRequest({ communes: ['45234'] }, KARIM))).id;
  const asked = await call<{ id: string }>(intake.url, 'POST', `/v1/cases/${ids.lea}/info-requests`, {
    token: await tokenOf('ars.cvl'),
    body: { question: 'Merci de joindre votre convention de stage.', dueDate: '2099-01-01' },
    headers: { 'if-match': '"3"' },
  });
  ids.infoRequest = asked.body.id;
  const set = proposalSet(ids.lea, new Date().toISOString());
  await intake.matching.publish(intake.config.MATCHING_TOPIC, [
    { id: randomUUID(), type: 'fr.sante.guichet.matching.proposals-computed.v1', source: cloudEventSources.matching, subject: ids.lea, time: set.computedAt, key: ids.lea, data: set },
  ]);
  await eventually(async () => ((await call<{ status: string }>(intake.url, 'GET', `/v1/requests/${ids.lea}`, { token: lea })).body.status === 'proposals_ready' ? true : undefined));
  await call(intake.url, 'POST', '/v1/requests', { token: lea, body: {} });
});

afterAll(async () => {
  await intake?.close();
});

describe('authorization matrix', () => {
  const cells = ROUTES.flatMap((route) => WHO.map((who) => [`${route.method} ${route.name}`, who, expected(route, who), route] as const));

  it('covers every route of the OpenAPI file for every kind of caller', () => {
    expect(new Set(ROUTES.map((route) => route.name)).size).toBe(24);
    expect(cells).toHaveLength(24 * 13);
  });

  it.each(cells)('%s as %s → %i', async (_name, who, status, route) => {
    const target = who === 'cpam-out-of-territory' ? { ...ids, lea: ids.karim } : ids;
    const user = who === 'expired-token' ? (route.family === 'candidate' ? 'interne.demo' : 'ars.cvl') : who === 'no-token' ? undefined : USERS[who];
    if (who === 'expired-token') intake.clock.tokenOffsetMs = 10 * 60_000;
    try {
      const response = await call<{ status?: number; type?: string }>(intake.url, route.method, route.path(target), {
        ...(user === undefined ? {} : { token: await tokenOf(user) }),
        ...(route.body === undefined ? {} : { body: route.body }),
        ...(route.headers === undefined ? {} : { headers: route.headers }),
      });
      expect(response.status).toBe(status);
      if (status >= 400) expect(response.headers.get('content-type')).toContain('application/problem+json');
      if (status === 401) expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    } finally {
      intake.clock.tokenOffsetMs = 0;
    }
  });
});
