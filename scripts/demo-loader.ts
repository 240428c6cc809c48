// Loads the demo region through the services' public APIs, as the demo accounts themselves:
// each publisher publishes its offers, each collectivité its aid, each demo candidate files and
// submits a request. Idempotent: what is there already (offers by title, aids by id, a
// candidate's request) is left as it is, and offers of an earlier demo no longer planned are
// withdrawn. `npm start` runs it (scripts/seed-demo.ts); the cross-service test runs it on its own services.
import type { AidScheme, InstallationRequest, InstallationRequestPage, OfferInput, OfferPage, ProposalDigest, Zone, ZoningHistory } from '@guichet/contracts';
import { communeIndex } from '@guichet/territory';
import { DEMO_CANDIDATES, type DemoCandidate } from './demo-candidates.js';
import { PUBLISHERS, REGION, planDemoSupply, type PlannedOffer } from './demo-region.js';

export interface DemoEndpoints {
  readonly matchingUrl: string;
  /** Without it, the demo candidates file nothing: the catalogue alone (matching's benchmark). */
  readonly intakeUrl?: string;
  readonly keycloakUrl: string;
}

export interface CandidateOutcome {
  readonly username: string;
  readonly requestId: string;
  readonly status: string;
  /** Bundles proposed (0 only when the loader was asked not to wait for them). */
  readonly bundles: number;
}

export interface DemoLoadReport {
  readonly offers: { readonly published: number; readonly present: number; readonly withdrawn: number };
  readonly aids: { readonly added: number; readonly updated: number; readonly present: number };
  readonly candidates: readonly CandidateOutcome[];
}

export interface LoadOptions {
  /** How long to wait for each candidate's proposals; 0 does not wait. */
  readonly proposalsTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

/** Calls in flight at once: enough to keep the services busy, few enough for two shared cores. */
const CONCURRENCY = 8;
/** Titles of demo offers end so; an offer of a demo publisher with such a title that is no longer planned is withdrawn. */
const DEMO_TITLE = /\(démo [^)]*\)$/;
/** Communes whose zone is asked of matching: those where supply can land (every pole and town is above it). */
const ZONE_LOOKUP_POPULATION = 400;

export async function loadDemo(endpoints: DemoEndpoints, options: LoadOptions = {}): Promise<DemoLoadReport> {
  const log = options.log ?? (() => undefined);
  const tokens = new DemoTokens(endpoints.keycloakUrl);
  const communes = communeIndex().inRegion(REGION);
  const zones = await currentZones(endpoints.matchingUrl, communes.filter((c) => (c.population ?? 0) >= ZONE_LOOKUP_POPULATION).map((c) => c.insee));
  const plan = planDemoSupply(communes, zones);
  const offers = await publishOffers(endpoints.matchingUrl, tokens, plan.offers);
  log(`Offres de démonstration : ${offers.published} publiées, ${offers.present} déjà présentes, ${offers.withdrawn} retirées (${PUBLISHERS.length} organisations, six départements).`);
  const aids = await seedLocalAids(endpoints.matchingUrl, tokens);
  log(`Aides de collectivités de démonstration : ${aids.added} ajoutées, ${aids.updated} mises à jour, ${aids.present} déjà présentes.`);
  const { intakeUrl } = endpoints;
  const candidates = intakeUrl === undefined ? [] : await runPool(DEMO_CANDIDATES, CONCURRENCY, (candidate) => fileRequest(intakeUrl, tokens, candidate, options.proposalsTimeoutMs ?? 0));
  for (const c of candidates) log(`Candidat ${c.username} : demande ${c.status}, ${c.bundles} proposition(s).`);
  return { offers, aids, candidates };
}

/** Access tokens of the demo accounts (password `demo`), renewed before their five minutes run out. */
export class DemoTokens {
  private readonly cache = new Map<string, { token: Promise<string>; at: number }>();

  constructor(private readonly keycloakUrl: string) {}

  get(username: string): Promise<string> {
    const cached = this.cache.get(username);
    if (cached && Date.now() - cached.at < 240_000) return cached.token;
    const token = requestToken(this.keycloakUrl, username);
    token.catch(() => this.cache.delete(username));
    this.cache.set(username, { token, at: Date.now() });
    return token;
  }
}

async function requestToken(keycloakUrl: string, username: string): Promise<string> {
  const res = await fetch(`${keycloakUrl}/realms/guichet/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'guichet-test', username, password: 'demo' }),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string };
  if (!body.access_token) throw new Error(`Keycloak n'a pas délivré de jeton au compte de démonstration ${username} (${res.status}) : le realm importé est-il à jour ? (node infra/local/stack.mjs up)`);
  return body.access_token;
}

async function runPool<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

/** The zone in force today of each commune, as matching's public zoning history says (unzoned when it knows none). */
async function currentZones(matchingUrl: string, codes: readonly string[]): Promise<Map<string, Zone>> {
  const today = new Date().toISOString().slice(0, 10);
  const zones = new Map<string, Zone>();
  await runPool(codes, 16, async (code) => {
    const res = await fetch(`${matchingUrl}/v1/zoning/communes/${code}`);
    if (res.status === 404) return;
    if (!res.ok) throw new Error(`zonage de la commune ${code} illisible (${res.status})`);
    const history = (await res.json()) as ZoningHistory;
    const current = history.entries.filter((e) => e.effectiveFrom <= today && (e.effectiveUntil === undefined || today < e.effectiveUntil)).at(-1);
    if (current) zones.set(code, current.zone);
  });
  return zones;
}

interface PublishedOffer {
  readonly id: string;
  readonly version: number;
  readonly status: string;
  readonly title: string;
}

/** Offers of the publisher's organisation (its `mine` listing), every page. */
async function organisationOffers(matchingUrl: string, token: string): Promise<PublishedOffer[]> {
  const found: PublishedOffer[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ mine: 'true', limit: '200', ...(cursor ? { cursor } : {}) });
    const res = await fetch(`${matchingUrl}/v1/offers?${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`lecture des offres existantes impossible (${res.status}) : ${await res.text()}`);
    const page = (await res.json()) as OfferPage;
    for (const offer of page.items) found.push({ id: offer.id, version: offer.version, status: offer.status, title: offer.details.title });
    cursor = page.page.nextCursor;
  } while (cursor);
  return found;
}

async function publishOffers(matchingUrl: string, tokens: DemoTokens, planned: readonly PlannedOffer[]): Promise<DemoLoadReport['offers']> {
  const existing = new Map<string, PublishedOffer[]>();
  await runPool(PUBLISHERS, CONCURRENCY, async (p) => existing.set(p.username, await organisationOffers(matchingUrl, await tokens.get(p.username))));
  // Two accounts of one organisation would list the same offers twice: titles are counted once.
  const present = new Set([...existing.values()].flat().map((o) => o.title));
  const missing = planned.filter((p) => !present.has(p.offer.details.title));
  await runPool(missing, CONCURRENCY, (p) => publish(matchingUrl, tokens, p));
  const wanted = new Set(planned.map((p) => p.offer.details.title));
  const stale = new Map<string, { publisher: string; offer: PublishedOffer }>();
  for (const [publisher, offers] of existing) {
    for (const offer of offers) if (offer.status === 'available' && DEMO_TITLE.test(offer.title) && !wanted.has(offer.title)) stale.set(offer.id, { publisher, offer });
  }
  const withdrawn = await runPool([...stale.values()], CONCURRENCY, ({ publisher, offer }) => withdraw(matchingUrl, tokens, publisher, offer));
  return { published: missing.length, present: planned.length - missing.length, withdrawn: withdrawn.filter(Boolean).length };
}

async function publish(matchingUrl: string, tokens: DemoTokens, { publisher, key, offer }: PlannedOffer): Promise<void> {
  const res = await fetch(`${matchingUrl}/v1/offers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokens.get(publisher)}`, 'content-type': 'application/json', 'idempotency-key': `demo-${key}` },
    body: JSON.stringify(offer satisfies OfferInput),
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`offre « ${offer.details.title} » refusée à ${publisher} (${res.status}) : ${await res.text()}`);
}

/** Withdraws an offer of an earlier demo; one a candidate holds stays (409) until the desk releases it. */
async function withdraw(matchingUrl: string, tokens: DemoTokens, publisher: string, offer: PublishedOffer): Promise<boolean> {
  const res = await fetch(`${matchingUrl}/v1/offers/${offer.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${await tokens.get(publisher)}`, 'if-match': `"${offer.version}"` } });
  if (res.status === 409) return false;
  if (!res.ok) throw new Error(`retrait de l'offre « ${offer.title} » refusé (${res.status}) : ${await res.text()}`);
  return true;
}

/** A lump sum of a local authority for a doctor who settles on its territory (demo figures). */
function localAid(id: string, name: string, funder: 'commune' | 'departement', territory: { communes?: string[]; departements?: string[] }, euros: number, note: string): AidScheme {
  return {
    id,
    version: 1,
    name,
    acronym: null,
    funder,
    kind: 'lump-sum',
    category: 'installation',
    beneficiary: 'professional',
    dateBasis: 'installation',
    validFrom: '2026-01-01',
    validUntil: null,
    commitmentYears: 3,
    criteria: [
      { kind: 'audience', statuses: ['graduated-doctor', 'installed-doctor'] },
      { kind: 'project', projects: ['installation'] },
      { kind: 'territory', ...territory },
      { kind: 'commitment', years: 3 },
    ],
    amount: { nature: 'grant', payments: [{ period: 'once', amount: { amountCents: euros * 100, currency: 'EUR' }, upTo: false }], paidOver: 'commitment', note },
    notCumulableWith: [],
    exclusiveGroups: [],
    confidence: 'stated',
  };
}

const LOCAL_AIDS: ReadonlyArray<{ authority: string; scheme: AidScheme }> = [
  {
    authority: 'mairie.37',
    scheme: localAid('demo-prime-installation-chinon', 'Prime de la ville de Chinon à l’installation d’un médecin (démonstration)', 'commune', { communes: ['37072'] }, 5_000, 'Versée à la signature de la convention d’installation, en échange d’un exercice de trois ans à Chinon.'),
  },
  {
    authority: 'departement.41',
    scheme: localAid('demo-aide-installation-loir-et-cher', 'Aide du Loir-et-Cher à l’installation des médecins (démonstration)', 'departement', { departements: ['41'] }, 8_000, 'Versée par le département contre un engagement d’exercice de trois ans en Loir-et-Cher.'),
  },
  {
    authority: 'departement.18',
    scheme: localAid('demo-aide-installation-cher', 'Aide du Cher à l’installation des médecins (démonstration)', 'departement', { departements: ['18'] }, 10_000, 'Versée par le département contre un engagement d’exercice de trois ans dans le Cher.'),
  },
];

const audienceOf = (scheme: AidScheme): string =>
  JSON.stringify(scheme.criteria.flatMap((c) => (c.kind === 'audience' ? [[...c.statuses].sort()] : [])));

/**
 * Each authority adds its aid once: an aid already in the catalogue is left as it is, unless its
 * audience is not the planned one (a catalogue seeded before the statuses were told apart named
 * « junior-doctor » and « doctor »): the authority then publishes a new version of it.
 */
async function seedLocalAids(matchingUrl: string, tokens: DemoTokens): Promise<DemoLoadReport['aids']> {
  let added = 0;
  let updated = 0;
  for (const { authority, scheme } of LOCAL_AIDS) {
    const existing = await fetch(`${matchingUrl}/v1/aid-schemes/${scheme.id}`);
    if (existing.status === 200) {
      const current = (await existing.json()) as AidScheme;
      if (audienceOf(current) === audienceOf(scheme)) continue;
      const res = await fetch(`${matchingUrl}/v1/aid-schemes/${scheme.id}/versions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await tokens.get(authority)}`, 'content-type': 'application/json', 'if-match': `"${current.version}"` },
        body: JSON.stringify(scheme),
      });
      if (!res.ok) throw new Error(`nouvelle version de l'aide « ${scheme.name} » refusée (${res.status}) : ${await res.text()}`);
      updated += 1;
      continue;
    }
    const res = await fetch(`${matchingUrl}/v1/aid-schemes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokens.get(authority)}`, 'content-type': 'application/json', 'idempotency-key': `demo-seed-${scheme.id}` },
      body: JSON.stringify(scheme),
    });
    // Already there (the read above can come before matching has read its catalogue back): a replayed
    // answer while the key is kept, a conflict on the identifier once it has expired.
    if (res.headers.get('idempotent-replayed') === 'true' || res.status === 409) continue;
    if (res.status !== 201 && res.status !== 200) throw new Error(`aide « ${scheme.name} » refusée (${res.status}) : ${await res.text()}`);
    added += 1;
  }
  return { added, updated, present: LOCAL_AIDS.length - added - updated };
}

/**
 * The candidate's request: left as it is when one was already filed (whatever became of it),
 * submitted when a draft was left open, created and submitted otherwise.
 */
async function fileRequest(intakeUrl: string, tokens: DemoTokens, candidate: DemoCandidate, proposalsTimeoutMs: number): Promise<CandidateOutcome> {
  const token = await tokens.get(candidate.username);
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${intakeUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${candidate.username} : ${method} ${path} refusé (${res.status}) : ${await res.text()}`);
    return { body: (await res.json()) as unknown, etag: res.headers.get('etag') ?? '' };
  };
  const mine = ((await call('GET', '/v1/requests?limit=200')).body as InstallationRequestPage).items;
  let request = mine.find((r) => r.status !== 'draft' && r.status !== 'withdrawn') ?? mine.find((r) => r.status === 'draft');
  if (!request) request = (await call('POST', '/v1/requests', candidate.request, { 'idempotency-key': `demo-request-${candidate.username.replace(/[^A-Za-z0-9_-]/g, '-')}` })).body as InstallationRequest;
  if (request.status === 'draft') {
    const current = await call('GET', `/v1/requests/${request.id}`);
    request = (await call('POST', `/v1/requests/${request.id}/submit`, undefined, { 'if-match': current.etag })).body as InstallationRequest;
  }
  const bundles = await proposedBundles(intakeUrl, token, candidate.username, request.id, proposalsTimeoutMs);
  const status = ((await call('GET', `/v1/requests/${request.id}`)).body as InstallationRequest).status;
  return { username: candidate.username, requestId: request.id, status, bundles };
}

/**
 * The bundles of the request's latest proposal set once there are some. Matching re-examines an
 * open request as offers come in, so one filed while it still takes in the region's offers gets
 * its bundles a little later; none by the end of the wait is a fault of the demo, told as such.
 */
async function proposedBundles(intakeUrl: string, token: string, username: string, requestId: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${intakeUrl}/v1/requests/${requestId}/proposals`, { headers: { authorization: `Bearer ${token}` } });
    const set = res.ok ? ((await res.json()) as ProposalDigest) : undefined;
    if (set && set.bundles.length > 0) return set.bundles.length;
    if (Date.now() >= deadline) {
      if (timeoutMs === 0) return 0;
      const answer = set ? `dernière réponse : « ${set.noBundleReason ?? 'aucune proposition'} »` : `pas encore de réponse de matching (${res.status})`;
      throw new Error(`${username} : demande ${requestId} sans proposition après ${Math.round(timeoutMs / 1000)} s d'attente, ${answer}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
