// The demo supply of Centre-Val de Loire, planned without I/O: who publishes what, where. Offers
// follow the population (more where people live), cover the whole region (a pole every ~15 km,
// so a wished commune always has something within a candidate's usual radius), reach every zone
// the committed zoning gives (zones come in as an argument, read from matching by the loader),
// and house interns near each hospital that takes them and near the ambulatory placements.
import type { OfferInput, Zone } from '@guichet/contracts';
import { distanceKm, type Commune } from '@guichet/territory';

export const REGION = '24';
export const DEPARTEMENTS = ['18', '28', '36', '37', '41', '45'] as const;
export type Departement = (typeof DEPARTEMENTS)[number];

/** Kinds of demo publisher; each département has one of each (Indre-et-Loire also has Tours Métropole). */
export type PublisherKind = 'hospital' | 'commune' | 'departement' | 'employer' | 'metropole';

export interface DemoPublisher {
  readonly username: string;
  readonly kind: PublisherKind;
  readonly departement: Departement;
  /** What the offers' contact says. */
  readonly name: string;
  readonly email: string;
  /** A commune publishes in its own town; a métropole within `withinKm` of it. */
  readonly town?: string;
  readonly withinKm?: number;
}

const TOWNS: Record<Departement, { insee: string; name: string }> = {
  '18': { insee: '18033', name: 'Bourges' },
  '28': { insee: '28085', name: 'Chartres' },
  '36': { insee: '36044', name: 'Châteauroux' },
  '37': { insee: '37003', name: 'Amboise' },
  '41': { insee: '41018', name: 'Blois' },
  '45': { insee: '45208', name: 'Montargis' },
};

const DEPARTEMENT_NAMES: Record<Departement, string> = {
  '18': 'Département du Cher',
  '28': "Département d'Eure-et-Loir",
  '36': "Département de l'Indre",
  '37': "Département d'Indre-et-Loire",
  '41': 'Département de Loir-et-Cher',
  '45': 'Département du Loiret',
};

export interface Hospital {
  readonly insee: string;
  readonly name: string;
  readonly departement: Departement;
  /** Intern housings offered around it: the CHUs train most interns, the prefecture hospitals more than the others. */
  readonly housings: number;
}

/** Hospitals of the region that take interns, by commune (CHR Orléans became CHU in 2023). */
export const HOSPITALS: readonly Hospital[] = [
  { insee: '37261', name: 'CHRU de Tours', departement: '37', housings: 12 },
  { insee: '45234', name: "CHU d'Orléans", departement: '45', housings: 12 },
  { insee: '28085', name: 'Hôpitaux de Chartres', departement: '28', housings: 5 },
  { insee: '28134', name: 'Centre hospitalier de Dreux', departement: '28', housings: 3 },
  { insee: '28088', name: 'Centre hospitalier de Châteaudun', departement: '28', housings: 3 },
  { insee: '41018', name: 'Centre hospitalier Simone-Veil de Blois', departement: '41', housings: 5 },
  { insee: '41269', name: 'Centre hospitalier de Vendôme', departement: '41', housings: 3 },
  { insee: '41194', name: 'Centre hospitalier de Romorantin-Lanthenay', departement: '41', housings: 3 },
  { insee: '36044', name: 'Centre hospitalier de Châteauroux', departement: '36', housings: 5 },
  { insee: '36018', name: 'Centre hospitalier du Blanc', departement: '36', housings: 3 },
  { insee: '36088', name: "Centre hospitalier d'Issoudun", departement: '36', housings: 3 },
  { insee: '18033', name: 'Centre hospitalier Jacques-Cœur de Bourges', departement: '18', housings: 5 },
  { insee: '18279', name: 'Centre hospitalier de Vierzon', departement: '18', housings: 3 },
  { insee: '18197', name: 'Centre hospitalier de Saint-Amand-Montrond', departement: '18', housings: 3 },
  { insee: '45208', name: "Centre hospitalier de l'agglomération montargoise", departement: '45', housings: 3 },
  { insee: '45155', name: 'Centre hospitalier de Gien', departement: '45', housings: 3 },
  { insee: '45252', name: 'Centre hospitalier de Pithiviers', departement: '45', housings: 3 },
  { insee: '37003', name: 'Centre hospitalier intercommunal Amboise – Château-Renault', departement: '37', housings: 3 },
  { insee: '37072', name: 'Centre hospitalier du Chinonais', departement: '37', housings: 3 },
  { insee: '37132', name: 'Centre hospitalier de Loches', departement: '37', housings: 3 },
];

export const PUBLISHERS: readonly DemoPublisher[] = DEPARTEMENTS.flatMap((d): DemoPublisher[] => [
  { username: `hopital.${d}`, kind: 'hospital', departement: d, name: HOSPITALS.find((h) => h.departement === d && h.insee === mainHospitalCommune(d))!.name, email: `internat@hopital-${d}.example.fr` },
  { username: `ville.${d}`, kind: 'commune', departement: d, name: `Ville de ${TOWNS[d].name}`, email: `sante@ville-${d}.example.fr`, town: TOWNS[d].insee },
  { username: `cd.${d}`, kind: 'departement', departement: d, name: DEPARTEMENT_NAMES[d], email: `attractivite-medicale@departement-${d}.example.fr` },
  { username: `employeur.${d}`, kind: 'employer', departement: d, name: `Groupement d'employeurs (${d})`, email: `recrutement@employeurs-${d}.example.fr` },
  ...(d === '37' ? [{ username: 'publisher.37', kind: 'metropole' as const, departement: d, name: 'Tours Métropole Val de Loire', email: 'sante@tours-metropole.example.fr', town: '37261', withinKm: 12 }] : []),
]);

function mainHospitalCommune(d: Departement): string {
  return { '18': '18033', '28': '28085', '36': '36044', '37': '37261', '41': '41018', '45': '45234' }[d];
}

/** Offers of the whole region, in these totals split by population (each département at least `minimum`). */
const TOTALS = { premises: { total: 360, minimum: 36 }, job: { total: 300, minimum: 30 } } as const;
/** Poles of the ambulatory placements: no commune of the region is far from one. */
const POLE_SPACING_KM = 15;
/** Each zone of a département gets at least this many premises, one of each type. */
const PREMISES_PER_ZONE = 3;
const PREMISES_TYPES = ['msp-room', 'individual-practice', 'centre-de-sante'] as const;
const PROFESSIONS = [
  'sante-infirmier', 'education-enseignement', 'administratif', 'commerce-vente', 'social-petite-enfance', 'informatique-numerique',
  'comptabilite-finance', 'ingenierie', 'fonction-publique', 'sante-paramedical', 'industrie-production', 'logistique-transport',
] as const;
/** Intern semesters: November to April, May to October. */
export const SEMESTERS = [
  { from: '2026-11-02', until: '2027-04-30' },
  { from: '2027-05-03', until: '2027-10-31' },
  { from: '2027-11-02', until: '2028-04-30' },
] as const;

export interface PlannedOffer {
  readonly publisher: string;
  /** Stable across runs: the loader's idempotency key. */
  readonly key: string;
  readonly offer: OfferInput;
}

export interface DemoPlan {
  readonly offers: readonly PlannedOffer[];
  readonly poles: readonly Commune[];
}

/**
 * The whole demo supply. `communes` are the region's, `zones` the current zone of those the
 * loader asked matching about (a commune missing from it is treated as unzoned).
 */
export function planDemoSupply(communes: readonly Commune[], zones: ReadonlyMap<string, Zone>): DemoPlan {
  const located = communes.filter((c) => c.region === REGION && c.location !== null && DEPARTEMENTS.includes(c.departement as Departement));
  const byPopulation = [...located].sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || (a.insee < b.insee ? -1 : 1));
  const poles = polesOf(byPopulation);
  const population = new Map(DEPARTEMENTS.map((d) => [d, byPopulation.filter((c) => c.departement === d).reduce((sum, c) => sum + (c.population ?? 0), 0)]));
  const offers: PlannedOffer[] = [];
  for (const d of DEPARTEMENTS) {
    const here = byPopulation.filter((c) => c.departement === d);
    const polesHere = poles.filter((c) => c.departement === d);
    const share = (population.get(d) ?? 0) / [...population.values()].reduce((a, b) => a + b, 0);
    const premisesCounts = spread(here, polesHere, Math.max(TOTALS.premises.minimum, Math.round(TOTALS.premises.total * share)));
    for (const [insee, count] of coverZones(here, zones, premisesCounts)) premisesCounts.set(insee, count);
    offers.push(...premisesOf(d, here, premisesCounts));
    offers.push(...hospitalHousingOf(d, located));
    offers.push(...ambulatoryHousingOf(d, polesHere));
    offers.push(...jobsOf(d, here, spread(here, polesHere, Math.max(TOTALS.job.minimum, Math.round(TOTALS.job.total * share)))));
  }
  return { offers, poles };
}

/** Most populated communes first, each at least POLE_SPACING_KM from the poles already chosen. */
function polesOf(byPopulation: readonly Commune[]): Commune[] {
  const poles: Commune[] = [];
  for (const c of byPopulation) if (poles.every((p) => distanceKm(p.location!, c.location!) >= POLE_SPACING_KM)) poles.push(c);
  return poles;
}

/** One per pole, the rest split among towns of 3,000 inhabitants or more by population (largest remainders). */
function spread(communes: readonly Commune[], poles: readonly Commune[], total: number): Map<string, number> {
  const counts = new Map<string, number>(poles.map((p) => [p.insee, 1]));
  const towns = communes.filter((c) => (c.population ?? 0) >= 3000);
  const rest = total - poles.length;
  if (rest <= 0 || towns.length === 0) return counts;
  const people = towns.reduce((sum, c) => sum + (c.population ?? 0), 0);
  const exact = towns.map((c) => ({ c, value: (rest * (c.population ?? 0)) / people }));
  let left = rest;
  for (const { c, value } of exact) {
    const whole = Math.floor(value);
    if (whole > 0) counts.set(c.insee, (counts.get(c.insee) ?? 0) + whole);
    left -= whole;
  }
  for (const { c } of [...exact].sort((a, b) => (b.value % 1) - (a.value % 1)).slice(0, left)) counts.set(c.insee, (counts.get(c.insee) ?? 0) + 1);
  return counts;
}

/** Raises the most populated commune of each zone of the département to PREMISES_PER_ZONE premises when its zone has fewer. */
function coverZones(communes: readonly Commune[], zones: ReadonlyMap<string, Zone>, counts: ReadonlyMap<string, number>): Map<string, number> {
  const raised = new Map<string, number>();
  const zoneOf = (c: Commune) => zones.get(c.insee) ?? 'none';
  for (const zone of new Set(communes.map(zoneOf))) {
    if (zone === 'none') continue;
    const inZone = communes.filter((c) => zoneOf(c) === zone);
    const have = inZone.reduce((sum, c) => sum + (counts.get(c.insee) ?? 0), 0);
    const first = inZone[0];
    if (first && have < PREMISES_PER_ZONE) raised.set(first.insee, (counts.get(first.insee) ?? 0) + PREMISES_PER_ZONE - have);
  }
  return raised;
}

/** The publisher of an offer of this kind in this commune: the town itself, the métropole around its centre, else the Département (or the hospital, the employer). */
function publisherFor(d: Departement, commune: Commune, kinds: readonly PublisherKind[], all: readonly Commune[]): DemoPublisher {
  const candidates = PUBLISHERS.filter((p) => p.departement === d && kinds.includes(p.kind));
  const local = candidates.find((p) => p.town !== undefined && (p.withinKm === undefined ? p.town === commune.insee : withinKm(all, p.town, commune, p.withinKm)));
  return local ?? candidates.find((p) => p.town === undefined)!;
}

function withinKm(all: readonly Commune[], centre: string, commune: Commune, km: number): boolean {
  const point = all.find((c) => c.insee === centre)?.location;
  return point !== undefined && point !== null && distanceKm(point, commune.location!) <= km;
}

function contactOf(p: DemoPublisher) {
  return { name: p.name, email: p.email };
}

const euros = (amount: number) => ({ amountCents: amount * 100, currency: 'EUR' as const });

function premisesOf(d: Departement, communes: readonly Commune[], counts: ReadonlyMap<string, number>): PlannedOffer[] {
  const planned: PlannedOffer[] = [];
  let n = 0;
  for (const c of communes) {
    for (let i = 0; i < (counts.get(c.insee) ?? 0); i += 1, n += 1) {
      const publisher = publisherFor(d, c, ['commune', 'metropole', 'departement'], communes);
      const premisesType = PREMISES_TYPES[(i + n) % PREMISES_TYPES.length]!;
      const label = { 'msp-room': 'Cabinet en maison de santé', 'individual-practice': 'Cabinet médical', 'centre-de-sante': 'Poste en centre de santé' }[premisesType];
      planned.push({
        publisher: publisher.username,
        key: `premises-${d}-${n}`,
        offer: {
          kind: 'premises',
          details: {
            premisesType,
            title: `${label} à ${c.name} (démo ${d}-L${n + 1})`,
            communeCode: c.insee,
            surfaceM2: 15 + (n % 6) * 5,
            monthlyRent: euros(premisesType === 'centre-de-sante' ? 0 : 250 + (n % 7) * 50),
            availableFrom: `2026-${String(9 + (n % 4)).padStart(2, '0')}-01`,
            contact: contactOf(publisher),
          },
        },
      });
    }
  }
  return planned;
}

/** Housings of the hospital's own organisation in its commune (a CHU also in the communes around it, within 10 km). */
function hospitalHousingOf(d: Departement, communes: readonly Commune[]): PlannedOffer[] {
  const publisher = PUBLISHERS.find((p) => p.departement === d && p.kind === 'hospital')!;
  const planned: PlannedOffer[] = [];
  for (const hospital of HOSPITALS.filter((h) => h.departement === d)) {
    const site = communes.find((c) => c.insee === hospital.insee)!;
    const around = hospital.housings > 5 ? communes.filter((c) => c.insee !== site.insee && distanceKm(site.location!, c.location!) <= 10 && (c.population ?? 0) >= 3000) : [];
    for (let n = 0; n < hospital.housings; n += 1) {
      const c = n % 2 === 1 && around.length > 0 ? around[Math.floor(n / 2) % around.length]! : site;
      planned.push({
        publisher: publisher.username,
        key: `housing-${hospital.insee}-${n}`,
        offer: {
          kind: 'housing',
          details: {
            title: `Logement d'internes près du ${hospital.name}, à ${c.name} (démo ${d}-H${hospital.insee}-${n + 1})`,
            communeCode: c.insee,
            nearbyHospital: { name: hospital.name, communeCode: hospital.insee },
            beds: 1 + (n % 4),
            monthlyPrice: euros(n % 3 === 0 ? 0 : 150 + (n % 5) * 50),
            furnished: true,
            availablePeriods: SEMESTERS.map((s) => ({ ...s })),
            eligibleOccupants: ['intern', 'junior-doctor'],
            contact: contactOf(publisher),
          },
        },
      });
    }
  }
  return planned;
}

/** A housing at every pole for the interns and docteurs juniors of ambulatory placements, two in towns of 10,000 or more. */
function ambulatoryHousingOf(d: Departement, poles: readonly Commune[]): PlannedOffer[] {
  const planned: PlannedOffer[] = [];
  for (const [index, c] of poles.entries()) {
    const count = (c.population ?? 0) >= 10_000 ? 2 : 1;
    for (let n = 0; n < count; n += 1) {
      const publisher = publisherFor(d, c, ['commune', 'metropole', 'departement'], poles);
      planned.push({
        publisher: publisher.username,
        key: `housing-${c.insee}-ambulatoire-${n}`,
        offer: {
          kind: 'housing',
          details: {
            title: `Logement pour stage ambulatoire à ${c.name} (démo ${d}-A${index + 1}-${n + 1})`,
            communeCode: c.insee,
            beds: 1 + ((index + n) % 3),
            monthlyPrice: euros((index + n) % 2 === 0 ? 0 : 200),
            furnished: true,
            availablePeriods: SEMESTERS.map((s) => ({ ...s })),
            eligibleOccupants: ['student', 'intern', 'junior-doctor'],
            contact: contactOf(publisher),
          },
        },
      });
    }
  }
  return planned;
}

/** Spouse jobs: health trades from the hospital of the town when it has one, social and public service from the Département, the rest from the employers. */
function jobsOf(d: Departement, communes: readonly Commune[], counts: ReadonlyMap<string, number>): PlannedOffer[] {
  const planned: PlannedOffer[] = [];
  let n = 0;
  for (const [index, c] of communes.entries()) {
    for (let i = 0; i < (counts.get(c.insee) ?? 0); i += 1, n += 1) {
      const profession = PROFESSIONS[(index + i) % PROFESSIONS.length]!;
      const hospital = HOSPITALS.find((h) => h.insee === c.insee);
      const publisher =
        hospital && profession.startsWith('sante-')
          ? PUBLISHERS.find((p) => p.departement === d && p.kind === 'hospital')!
          : profession === 'social-petite-enfance' || profession === 'fonction-publique'
            ? publisherFor(d, c, ['commune', 'departement'], communes)
            : PUBLISHERS.find((p) => p.departement === d && p.kind === 'employer')!;
      const employer = publisher.kind === 'hospital' && hospital ? hospital.name : publisher.kind === 'employer' ? `Entreprise adhérente à ${c.name}` : publisher.name;
      planned.push({
        publisher: publisher.username,
        key: `job-${d}-${n}`,
        offer: {
          kind: 'job',
          details: {
            title: `${PROFESSION_TITLES[profession]} à ${c.name} (démo ${d}-E${n + 1})`,
            profession,
            employer,
            employmentSector: publisher.kind === 'employer' ? (n % 3 === 0 ? 'public' : 'private') : 'public',
            communeCode: c.insee,
            contractType: n % 3 === 0 ? 'fixed-term' : 'permanent',
            workingTime: n % 4 === 3 ? 'part-time' : 'full-time',
            contact: { email: publisher.email },
          },
        },
      });
    }
  }
  return planned;
}

const PROFESSION_TITLES: Record<(typeof PROFESSIONS)[number], string> = {
  'sante-infirmier': 'Infirmier ou infirmière',
  'education-enseignement': 'Enseignant ou enseignante',
  administratif: 'Assistant ou assistante administrative',
  'commerce-vente': 'Conseiller ou conseillère de vente',
  'social-petite-enfance': 'Éducateur ou éducatrice de jeunes enfants',
  'informatique-numerique': 'Développeur ou développeuse',
  'comptabilite-finance': 'Comptable',
  ingenierie: 'Ingénieur ou ingénieure',
  'fonction-publique': 'Attaché ou attachée territoriale',
  'sante-paramedical': 'Kinésithérapeute',
  'industrie-production': 'Technicien ou technicienne de production',
  'logistique-transport': 'Responsable logistique',
};
