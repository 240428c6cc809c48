// Demo region for `npm start`: several hundred offers on real communes of Indre-et-Loire
// (Centre-Val de Loire), published through matching's public API as the demo publisher.
// Idempotent: offers are recognised by their title, so a second start publishes nothing again.
// Local-authority aids of three départements are added by their authorities, once (by id).
// Zoning and the national aid catalogue are seeded by matching itself; demo users come with the realm.
import type { AidScheme, OfferInput, OfferPage } from '@guichet/contracts';
import { refuseDemoDefaults } from '@guichet/platform';
import { communeIndex, type Commune } from '@guichet/territory';

const matchingUrl = process.env.MATCHING_URL ?? 'http://127.0.0.1:3002';
const keycloakUrl = process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:18080';
const COUNTS = { premises: 120, housing: 100, job: 80 } as const;
const PROFESSIONS = ['education-enseignement', 'sante-infirmier', 'administratif', 'informatique-numerique', 'commerce-vente', 'comptabilite-finance', 'ingenierie', 'social-petite-enfance'] as const;
const PREMISES_TYPES = ['msp-room', 'individual-practice', 'centre-de-sante'] as const;

async function demoToken(username: string): Promise<string> {
  const res = await fetch(`${keycloakUrl}/realms/guichet/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'guichet-test', username, password: 'demo' }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`Keycloak n'a pas délivré de jeton à l'utilisateur de démonstration ${username} (${res.status})`);
  return body.access_token;
}

const publisherToken = () => demoToken('publisher.37');

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
      { kind: 'audience', statuses: ['junior-doctor', 'doctor'] },
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

/** Each authority adds its aid once: an aid already in the catalogue is left as it is. */
async function seedLocalAids(): Promise<void> {
  let added = 0;
  for (const { authority, scheme } of LOCAL_AIDS) {
    if ((await fetch(`${matchingUrl}/v1/aid-schemes/${scheme.id}`)).status === 200) continue;
    const res = await fetch(`${matchingUrl}/v1/aid-schemes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await demoToken(authority)}`, 'content-type': 'application/json', 'idempotency-key': `demo-seed-${scheme.id}` },
      body: JSON.stringify(scheme),
    });
    // Already there (the read above can come before matching has read its catalogue back): a replayed
    // answer while the key is kept, a conflict on the identifier once it has expired.
    if (res.headers.get('idempotent-replayed') === 'true' || res.status === 409) continue;
    if (res.status !== 201 && res.status !== 200) throw new Error(`aide « ${scheme.name} » refusée (${res.status}) : ${await res.text()}`);
    added += 1;
  }
  console.log(`Aides de collectivités de démonstration : ${added} ajoutées, ${LOCAL_AIDS.length - added} déjà présentes (Chinon, Loir-et-Cher, Cher).`);
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
  // This script is the demo offers seeding: a production deployment refuses it like any demo default.
  refuseDemoDefaults({ ...process.env, DEMO_OFFERS: 'true' }, new Set(['DEMO_OFFERS']));
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
  await seedLocalAids();
}

main().catch((error: unknown) => {
  console.error(`✗ données de démonstration : ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
