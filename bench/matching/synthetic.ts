import type { HousingOffer, JobOffer, Offer, PremisesOffer, Profession, RegionCode } from '@guichet/contracts';
import type { Commune } from '@guichet/territory';
import type { MatchingRequest } from '../../services/matching/src/application/matching/matching-request.js';
import type { Located, WaitingIntern } from '../../services/matching/src/domain/index.js';
import type { CommuneDirectory } from '../../services/matching/src/read-model/index.js';

/** Deterministic pseudo-random numbers (mulberry32): every run draws the same catalogue. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const between = (rand: () => number, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const uuid = (prefix: number, n: number) => `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const PROFESSIONS: readonly Profession[] = ['education-enseignement', 'sante-infirmier', 'administratif', 'commerce-vente', 'informatique-numerique', 'fonction-publique'];

function common(id: string, commune: Commune) {
  return {
    id,
    status: 'available' as const,
    version: 1,
    publisherId: 'bench',
    territory: { regions: [commune.region as RegionCode], departements: [commune.departement], communes: [commune.insee] },
    publishedAt: '2026-09-01T08:00:00Z',
    updatedAt: '2026-09-01T08:00:00Z',
  };
}

/** `count` offers over every located commune of France: 40 % premises, 40 % internship housing, 20 % spouse jobs. */
export function syntheticOffers(communes: readonly Commune[], count: number, seed = 42): Offer[] {
  const rand = random(seed);
  const located = communes.filter((c) => c.location !== null);
  const offers: Offer[] = [];
  for (let n = 0; n < count; n += 1) {
    const commune = pick(rand, located);
    const draw = rand();
    const id = uuid(1, n);
    if (draw < 0.4) {
      offers.push({
        ...common(id, commune),
        kind: 'premises',
        details: {
          premisesType: pick(rand, ['individual-practice', 'msp-room', 'centre-de-sante'] as const),
          title: `Cabinet ${n}`,
          communeCode: commune.insee,
          surfaceM2: between(rand, 10, 60),
          monthlyRent: { amountCents: between(rand, 150, 1200) * 100, currency: 'EUR' },
          availableFrom: `2026-${String(between(rand, 1, 12)).padStart(2, '0')}-01`,
        },
      } satisfies PremisesOffer);
    } else if (draw < 0.8) {
      offers.push({
        ...common(id, commune),
        kind: 'housing',
        details: {
          title: `Logement ${n}`,
          communeCode: commune.insee,
          beds: between(rand, 1, 3),
          monthlyPrice: { amountCents: between(rand, 0, 700) * 100, currency: 'EUR' },
          availablePeriods: [{ from: '2026-10-01', until: rand() < 0.8 ? '2027-06-30' : '2027-01-31' }],
          eligibleOccupants: rand() < 0.9 ? ['intern', 'junior-doctor'] : ['student'],
        },
      } satisfies HousingOffer);
    } else {
      offers.push({
        ...common(id, commune),
        kind: 'job',
        details: {
          title: `Emploi ${n}`,
          profession: pick(rand, PROFESSIONS),
          employer: 'Employeur',
          employmentSector: rand() < 0.5 ? 'public' : 'private',
          communeCode: commune.insee,
          contractType: 'permanent',
          workingTime: rand() < 0.7 ? 'full-time' : 'part-time',
        },
      } satisfies JobOffer);
    }
  }
  return offers;
}

/** Interns of Centre-Val de Loire wanting premises, housing near their internship and a job for their spouse. */
export function syntheticRequests(communes: CommuneDirectory, region: RegionCode, count: number, seed = 7): MatchingRequest[] {
  const rand = random(seed);
  const towns = communes.inRegion(region).filter((c) => c.location !== null && (c.population ?? 0) > 1500);
  return Array.from({ length: count }, () => {
    const target = pick(rand, towns);
    const near = communes.near(target.location!, 25).filter((n) => (n.commune.population ?? 0) > 3000);
    const site = (near.length > 0 ? pick(rand, near).commune : target).insee;
    return {
      status: 'intern',
      specialty: 'medecine-generale',
      internship: { communeCode: site, hospitalName: 'Centre hospitalier', startDate: '2026-11-02', endDate: '2027-04-30', ambulatory: rand() < 0.5 },
      targets: { communes: [target.insee], radiusKm: between(rand, 15, 35) },
      desiredInstallationDate: '2027-05-01',
      practice: { mode: 'msp', sector: '1', daysPerWeek: 4, coordinatedPractice: true, onCallParticipation: true },
      needs: {
        premises: { surfaceM2Min: 12, maxMonthlyRent: { amountCents: between(rand, 500, 1000) * 100, currency: 'EUR' }, availableFrom: '2027-05-01' },
        housing: { from: '2026-11-02', until: '2027-04-30', maxMonthlyRent: { amountCents: between(rand, 300, 700) * 100, currency: 'EUR' }, people: 1 },
        spouseJob: { profession: pick(rand, PROFESSIONS), employmentSector: 'any', workingTime: 'any', maxCommuteKm: 30 },
      },
    } satisfies MatchingRequest;
  });
}

/**
 * A semester's allocation problem: `interns` interns at internship sites (the most populated
 * communes, where hospitals are) and housing around those sites holding `beds` beds in all.
 */
export function syntheticSemester(communes: CommuneDirectory, all: readonly Commune[], interns: number, beds: number, seed = 11): { interns: WaitingIntern[]; housings: Located<HousingOffer>[] } {
  const rand = random(seed);
  const sites = [...all].filter((c) => c.location !== null).sort((a, b) => (b.population ?? 0) - (a.population ?? 0)).slice(0, 150);
  const waiting: WaitingIntern[] = Array.from({ length: interns }, (_, n) => {
    // Big sites draw more interns, as university hospitals do.
    const site = sites[Math.floor(sites.length * rand() ** 2)]!;
    return {
      requestId: uuid(2, n),
      arrivedAt: `2026-09-${String(between(rand, 1, 28)).padStart(2, '0')}T${String(between(rand, 0, 23)).padStart(2, '0')}:00:00Z`,
      status: 'intern',
      site: site.location,
      stay: { from: '2026-11-02', until: '2027-04-30' },
      maxMonthlyRentCents: between(rand, 300, 600) * 100,
    };
  });
  const housings: Located<HousingOffer>[] = [];
  let placed = 0;
  for (let n = 0; placed < beds; n += 1) {
    const site = sites[Math.floor(sites.length * rand() ** 1.5)]!;
    const around = communes.near(site.location!, 18);
    const commune = (around.length > 0 ? pick(rand, around).commune : site) as Commune;
    const count = Math.min(beds - placed, between(rand, 1, 3));
    placed += count;
    const offer: HousingOffer = {
      ...common(uuid(3, n), commune),
      kind: 'housing',
      details: {
        title: `Logement ${n}`,
        communeCode: commune.insee,
        beds: count,
        monthlyPrice: { amountCents: between(rand, 0, 650) * 100, currency: 'EUR' },
        availablePeriods: [{ from: '2026-10-01', until: rand() < 0.9 ? '2027-06-30' : '2027-02-28' }],
        eligibleOccupants: ['intern', 'junior-doctor'],
      },
    };
    housings.push({ offer, location: commune.location });
  }
  return { interns: waiting, housings };
}
