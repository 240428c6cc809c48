// Demo region for `npm start`: several hundred offers on real communes of Indre-et-Loire
// (Centre-Val de Loire), published through matching's public API as the demo publisher.
// Idempotent: offers are recognised by their title, so a second start publishes nothing again.
// Zoning and the aid catalogue are seeded by matching itself; demo users come with the realm.
import type { OfferInput, OfferPage } from '@guichet/contracts';
import { communeIndex, type Commune } from '@guichet/territory';

const matchingUrl = process.env.MATCHING_URL ?? 'http://127.0.0.1:3002';
const keycloakUrl = process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:18080';
const COUNTS = { premises: 120, housing: 100, job: 80 } as const;
const PROFESSIONS = ['education-enseignement', 'sante-infirmier', 'administratif', 'informatique-numerique', 'commerce-vente', 'comptabilite-finance', 'ingenierie', 'social-petite-enfance'] as const;
const PREMISES_TYPES = ['msp-room', 'individual-practice', 'centre-de-sante'] as const;

async function publisherToken(): Promise<string> {
  const res = await fetch(`${keycloakUrl}/realms/guichet/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'guichet-test', username: 'publisher.37', password: 'demo' }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`Keycloak n'a pas délivré de jeton au publieur de démonstration (${res.status})`);
  return body.access_token;
}

function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length] as T;
}

function euros(amount: number): { amountCents: number; currency: 'EUR' } {
  return { amountCents: amount * 100, currency: 'EUR' };
}

function demoOffers(communes: readonly Commune[]): OfferInput[] {
  const contact = (c: Commune) => ({ name: `Mairie de ${c.name}`, email: 'accueil-sante@mairie.example.fr' });
  const offers: OfferInput[] = [];
  for (let n = 0; n < COUNTS.premises; n += 1) {
    const c = pick(communes, n * 7);
    offers.push({
      kind: 'premises',
      details: {
        premisesType: pick(PREMISES_TYPES, n),
        title: `Local médical à ${c.name} (démo ${n + 1})`,
        communeCode: c.insee,
        surfaceM2: 15 + (n % 6) * 5,
        monthlyRent: euros(250 + (n % 8) * 50),
        availableFrom: `2027-0${1 + (n % 9)}-01`,
        contact: contact(c),
      },
    });
  }
  for (let n = 0; n < COUNTS.housing; n += 1) {
    const c = pick(communes, n * 5 + 3);
    offers.push({
      kind: 'housing',
      details: {
        title: `Logement pour internes à ${c.name} (démo ${n + 1})`,
        communeCode: c.insee,
        beds: 1 + (n % 4),
        monthlyPrice: euros(n % 3 === 0 ? 0 : 150 + (n % 5) * 50),
        furnished: true,
        availablePeriods: [{ from: '2026-11-02', until: '2027-04-30' }, { from: '2027-05-03', until: '2027-10-31' }],
        eligibleOccupants: ['intern', 'junior-doctor'],
        contact: contact(c),
      },
    });
  }
  for (let n = 0; n < COUNTS.job; n += 1) {
    const c = pick(communes, n * 11 + 1);
    offers.push({
      kind: 'job',
      details: {
        title: `Poste pour conjoint à ${c.name} (démo ${n + 1})`,
        profession: pick(PROFESSIONS, n),
        employer: `Employeur de ${c.name}`,
        employmentSector: n % 2 === 0 ? 'public' : 'private',
        communeCode: c.insee,
        contractType: n % 3 === 0 ? 'fixed-term' : 'permanent',
        workingTime: n % 4 === 0 ? 'part-time' : 'full-time',
        contact: { email: 'recrutement@employeur.example.fr' },
      },
    });
  }
  return offers;
}

async function publishedTitles(token: string): Promise<Set<string>> {
  const titles = new Set<string>();
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ limit: '200', ...(cursor ? { cursor } : {}) });
    const res = await fetch(`${matchingUrl}/v1/offers?${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`lecture des offres existantes impossible (${res.status})`);
    const page = (await res.json()) as OfferPage;
    for (const offer of page.items) titles.add(offer.details.title);
    cursor = page.page.nextCursor;
  } while (cursor);
  return titles;
}

async function main(): Promise<void> {
  const communes = communeIndex()
    .inRegion('24')
    .filter((c) => c.departement === '37' && c.location !== null)
    .sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
  let token = await publisherToken();
  const existing = await publishedTitles(token);
  const missing = demoOffers(communes).filter((offer) => !existing.has(offer.details.title));
  const publish = (offer: OfferInput, n: number) =>
    fetch(`${matchingUrl}/v1/offers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `demo-seed-${offer.kind}-${n}-${offer.details.communeCode}` },
      body: JSON.stringify(offer),
    });
  for (const [n, offer] of missing.entries()) {
    let res = await publish(offer, n);
    // Access tokens live five minutes; loading a slow machine can take longer.
    if (res.status === 401) {
      token = await publisherToken();
      res = await publish(offer, n);
    }
    if (res.status !== 201 && res.status !== 200) throw new Error(`offre « ${offer.details.title} » refusée (${res.status}) : ${await res.text()}`);
  }
  console.log(`Offres de démonstration : ${missing.length} publiées, ${existing.size} déjà présentes (Indre-et-Loire).`);
}

main().catch((error: unknown) => {
  console.error(`✗ données de démonstration : ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
