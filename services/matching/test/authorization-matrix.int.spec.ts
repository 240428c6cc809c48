import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '@guichet/platform';
import { clientCredentialsToken, passwordToken } from '../../../tests/harness/tokens.js';
import { localAid } from './aid-fixtures.js';
import { eventually, installationRequest, premisesInput, startRun, submitted, type TestRun } from './support.js';

// Every route of matching × every kind of caller, with tokens of the real Keycloak: each role, in
// and out of the territory of what it reaches, owner or not of what it changes. Changes carry a
// stale If-Match: a 409 proves the caller got through role, territory and ownership, and changes nothing.

/** What a caller aims at: Indre-et-Loire (37) or Loir-et-Cher (41), both in Centre-Val de Loire (24). */
interface Target {
  offer: string;
  scheme: string;
  request: string;
  commune: string;
  departement: string;
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
  { name: 'ars in territory', user: 'ars.cvl', role: 'caseworker-ars', at: '37', inTerritory: true },
  { name: 'ars out of territory', user: 'ars.idf', role: 'caseworker-ars', at: '37', inTerritory: false },
  { name: 'cpam in territory', user: 'cpam.37', role: 'caseworker-cpam', at: '37', inTerritory: true },
  { name: 'cpam out of territory (41, same région)', user: 'cpam.37', role: 'caseworker-cpam', at: '41', inTerritory: false },
  { name: 'ordre', user: 'ordre.37', role: 'ordre', at: '37', inTerritory: true },
  { name: 'collectivité owner', user: 'departement.37', role: 'collectivite', at: '37', inTerritory: true },
  { name: 'collectivité of another organisation', user: 'mairie.37', role: 'collectivite', at: '37', inTerritory: true, otherOrganisation: true },
  { name: 'collectivité out of territory', user: 'departement.37', role: 'collectivite', at: '41', inTerritory: false },
  { name: 'publisher owner', user: 'publisher.37', role: 'offer-publisher', at: '37', inTerritory: true },
  { name: 'publisher of another organisation', user: 'hopital.37', role: 'offer-publisher', at: '37', inTerritory: true, otherOrganisation: true },
  { name: 'publisher out of territory (41, same région)', user: 'publisher.37', role: 'offer-publisher', at: '41', inTerritory: false },
  { name: 'partner', partner: 'partner-ars', role: 'partner', at: '37', inTerritory: true },
  { name: 'admin', user: 'admin.demo', role: 'admin', at: '37', inTerritory: true },
  { name: 'no token', at: '37', inTerritory: true },
];

interface Route {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: (t: Target) => string;
  body?: (t: Target) => unknown;
  csv?: string;
  headers?: Record<string, string>;
  /** `public`: no token needed, everyone gets `allowed`. */
  roles: readonly Role[] | 'public';
  allowed: number;
  outOfTerritory?: number;
  otherOrganisation?: number;
}

const STALE = { 'if-match': '"999"' };
const READERS: Role[] = ['offer-publisher', 'caseworker-ars', 'caseworker-cpam', 'collectivite', 'admin'];
const PUBLISHERS: Role[] = ['offer-publisher', 'admin'];
const AUTHORITIES: Role[] = ['collectivite', 'admin'];
const CASEWORKERS: Role[] = ['caseworker-ars', 'caseworker-cpam', 'admin'];
let created = 0;
const fresh = (): string => `matrice-aide-${(created += 1)}`;

const ROUTES: Route[] = [
  { name: 'list offers', method: 'GET', path: () => '/v1/offers', roles: READERS, allowed: 200, outOfTerritory: 200 },
  { name: 'publish an offer', method: 'POST', path: () => '/v1/offers', body: (t) => premisesInput(t.commune), roles: PUBLISHERS, allowed: 201 },
  { name: 'import offers', method: 'POST', path: () => '/v1/offers/import?kind=premises', csv: 'colonne\nvaleur\n', roles: PUBLISHERS, allowed: 400, outOfTerritory: 400 },
  { name: 'read an offer', method: 'GET', path: (t) => `/v1/offers/${t.offer}`, roles: [...READERS, 'candidate'], allowed: 200 },
  { name: 'change an offer', method: 'PUT', path: (t) => `/v1/offers/${t.offer}`, body: (t) => premisesInput(t.commune), headers: STALE, roles: PUBLISHERS, allowed: 409, otherOrganisation: 403 },
  { name: 'withdraw an offer', method: 'DELETE', path: (t) => `/v1/offers/${t.offer}`, headers: STALE, roles: PUBLISHERS, allowed: 409, otherOrganisation: 403 },
  { name: 'list aid schemes', method: 'GET', path: () => '/v1/aid-schemes', roles: 'public', allowed: 200 },
  { name: 'add an aid scheme', method: 'POST', path: () => '/v1/aid-schemes', body: (t) => localAid(fresh(), 'departement', [{ departements: [t.departement] }]), roles: AUTHORITIES, allowed: 201 },
  { name: 'read an aid scheme', method: 'GET', path: (t) => `/v1/aid-schemes/${t.scheme}`, roles: 'public', allowed: 200 },
  { name: 'list versions of an aid scheme', method: 'GET', path: (t) => `/v1/aid-schemes/${t.scheme}/versions`, roles: 'public', allowed: 200 },
  {
    name: 'publish a version of an aid scheme',
    method: 'POST',
    path: (t) => `/v1/aid-schemes/${t.scheme}/versions`,
    body: (t) => localAid(t.scheme, 'departement', [{ departements: [t.departement] }]),
    headers: STALE,
    roles: AUTHORITIES,
    allowed: 409,
    otherOrganisation: 403,
  },
  { name: 'import zoning', method: 'POST', path: () => '/v1/zoning/import?regionCode=24&arreteReference=Arr%C3%AAt%C3%A9%2012', csv: 'colonne\nvaleur\n', roles: ['caseworker-ars'], allowed: 400 },
  { name: 'zoning history of a commune', method: 'GET', path: (t) => `/v1/zoning/communes/${t.commune}`, roles: 'public', allowed: 200 },
  {
    name: 'simulate aids',
    method: 'POST',
    path: () => '/v1/simulations',
    body: (t) => ({ profile: { status: 'junior-doctor', specialty: 'medecine-generale', projects: ['installation'] }, communeInsee: t.commune, referenceDate: '2026-09-01' }),
    roles: 'public',
    allowed: 200,
  },
  { name: 'read the proposals of a case', method: 'GET', path: (t) => `/v1/proposals/${t.request}`, roles: CASEWORKERS, allowed: 200 },
  {
    name: 'allocate internship beds',
    method: 'POST',
    path: () => '/v1/allocations/internship-housing',
    body: () => ({ regionCode: '24', semester: { from: '2026-11-01', until: '2027-04-30' }, strategy: 'optimal', dryRun: true }),
    roles: ['caseworker-ars', 'admin'],
    allowed: 200,
  },
];

function expected(route: Route, who: Who): number {
  if (route.roles === 'public') return route.allowed;
  if (who.role === undefined) return 401;
  if (!route.roles.includes(who.role)) return 403;
  if (who.role === 'admin') return route.allowed;
  if (!who.inTerritory) return route.outOfTerritory ?? 403;
  if (who.otherOrganisation) return route.otherOrganisation ?? route.allowed;
  return route.allowed;
}

let run: TestRun;
const targets: Record<'37' | '41', Target> = {
  '37': { offer: '', scheme: 'matrice-aide-departement-37', request: randomUUID(), commune: '37072', departement: '37' },
  '41': { offer: '', scheme: 'matrice-aide-departement-41', request: randomUUID(), commune: '41018', departement: '41' },
};
const tokens = new Map<string, Promise<string>>();
const tokenOf = (who: Who): Promise<string> | undefined => {
  const key = who.user ?? who.partner;
  if (key === undefined) return undefined;
  if (!tokens.has(key)) tokens.set(key, who.user ? passwordToken(who.user) : clientCredentialsToken(key));
  return tokens.get(key);
};
const bearerOf = async (user: string): Promise<string> => `Bearer ${await tokenOf({ name: user, user, at: '37', inTerritory: true })}`;

beforeAll(async () => {
  run = await startRun('authz', { SIMULATIONS_PER_MINUTE: '10000' });
  await Promise.all(WHO.map(tokenOf));
  const publish = async (user: string, commune: string): Promise<string> => {
    const res = await run.http.post('/v1/offers').set('Authorization', await bearerOf(user)).send(premisesInput(commune));
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  targets['37'].offer = await publish('publisher.37', '37072');
  // Published by the administrator: only it may change it, and no publisher of the 37 reaches it.
  targets['41'].offer = await publish('admin.demo', '41018');
  for (const [user, target] of [['departement.37', targets['37']], ['departement.41', targets['41']]] as const) {
    const res = await run.http.post('/v1/aid-schemes').set('Authorization', await bearerOf(user)).send(localAid(target.scheme, 'departement', [{ departements: [target.departement] }]));
    expect(res.status).toBe(201);
  }
  await run.intake.publish('fr.sante.guichet.intake.request-submitted.v1', submitted(targets['37'].request));
  const loirEtCher = installationRequest({ targets: { communes: ['41018'], radiusKm: 30 } });
  await run.intake.publish('fr.sante.guichet.intake.request-submitted.v1', submitted(targets['41'].request, loirEtCher));
  const admin = await bearerOf('admin.demo');
  for (const target of Object.values(targets)) await eventually(async () => expect((await run.http.get(`/v1/proposals/${target.request}`).set('Authorization', admin)).status).toBe(200));
});

afterAll(async () => {
  await run?.stop();
});

describe('matching authorization matrix', () => {
  const cells = ROUTES.flatMap((route) => WHO.map((who) => [`${route.method} ${route.name}`, who.name, expected(route, who), route, who] as const));

  it('covers every route of the OpenAPI file for every kind of caller', () => {
    expect(new Set(ROUTES.map((route) => route.name)).size).toBe(16);
    expect(cells).toHaveLength(16 * 15);
  });

  it.each(cells)('%s as %s → %i', async (_name, _who, status, route, who) => {
    const target = targets[who.at];
    const token = await tokenOf(who);
    let call = run.http[route.method === 'DELETE' ? 'delete' : route.method === 'PUT' ? 'put' : route.method === 'POST' ? 'post' : 'get'](route.path(target));
    if (token !== undefined) call = call.set('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(route.headers ?? {})) call = call.set(name, value);
    const response = route.csv !== undefined ? await call.set('Content-Type', 'text/csv').send(route.csv) : route.body ? await call.send(route.body(target) as object) : await call;
    expect(response.status).toBe(status);
    if (status >= 400) {
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.detail).toMatch(/[a-zàâçéèêëîïôûùüÿœ]{3,}/);
    }
  });

  it('leaves the offers and aids that callers were refused on as they were', async () => {
    const admin = await bearerOf('admin.demo');
    for (const target of Object.values(targets)) {
      const offer = await run.http.get(`/v1/offers/${target.offer}`).set('Authorization', admin);
      expect({ status: offer.body.status, version: offer.body.version }).toEqual({ status: 'available', version: 1 });
      const versions = await run.http.get(`/v1/aid-schemes/${target.scheme}/versions`);
      expect(versions.body.items.map((s: { version: number }) => s.version)).toEqual([1]);
    }
  });
});
