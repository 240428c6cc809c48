import type {
  AidAmount,
  AidCriterion,
  AidFunder,
  AidKind,
  AidPayment,
  AidScheme,
  AidSource,
  AudienceStatus,
  RegionCode,
} from '@guichet/contracts';
import { eur } from '../domain/money.js';
import { nonEmpty, type NonEmpty } from '../domain/non-empty.js';
import { CONDITION_CRITERIA } from './aid-catalogue-conditions.js';
import { SCHEME_READINGS, type SchemeReading } from './aid-catalogue-schemes.js';

/** One entry of `data/aid-schemes.json`, as written there. */
export interface SeedAidScheme {
  readonly id: string;
  readonly name: string;
  readonly acronym: string | null;
  readonly funder: AidFunder;
  readonly funderAlternatives?: readonly AidFunder[] | null;
  readonly kind: AidKind;
  readonly audience: readonly string[];
  readonly zoneRequirement: 'zip' | 'zip-or-zac' | 'none' | 'local' | 'zrr' | 'zfu';
  readonly amount: { readonly value: number | null; readonly period: 'once' | 'month' | 'year'; readonly cap: number | null } | null;
  readonly minCommitmentYears: number | null;
  readonly conditions: readonly string[];
  readonly cumulableWith: readonly string[];
  readonly notCumulableWith: readonly string[];
  readonly source: readonly ({ readonly seed: string; readonly line: number } | { readonly url: string; readonly consulted?: string })[];
  readonly confidence: 'stated' | 'inferred';
  readonly departement?: string | null;
  readonly region?: string | null;
  readonly validFrom: string | null;
  readonly validUntil: string | null;
}

/** Funders whose installation aids fall under the ten-year rule: the Assurance Maladie and local authorities (décret 2025-231, domain facts §9). */
const TEN_YEAR_RULE_FUNDERS = new Set<AidFunder>(['assurance-maladie', 'commune', 'intercommunalite', 'departement', 'region']);
const TEN_YEAR_RULE: AidCriterion = { kind: 'previous-aid', category: 'installation', years: 10, appliesFrom: '2025-03-12' };

/**
 * The seed's audiences as candidate situations. Its « junior-doctor » is the « jeune médecin » who
 * has defended the thesis (domain facts, « Beware one word »), installed or about to be; the
 * « docteur junior » of the 4th year is still a third-cycle student, so it is read with the
 * interns (placement, housing and travel aids) and never as a doctor who can settle.
 */
const DOCTORS: readonly AudienceStatus[] = ['graduated-doctor', 'installed-doctor'];
const AUDIENCE: Readonly<Record<string, readonly AudienceStatus[]>> = {
  student: ['student'],
  intern: ['intern', 'junior-doctor'],
  'junior-doctor': DOCTORS,
  'general-practitioner': DOCTORS,
  specialist: DOCTORS,
  'any-doctor': DOCTORS,
  'other-health-professional': ['other-health-professional'],
  // The seed writes « other » for retired doctors (cumul emploi-retraite, Pontarlier volunteers).
  other: ['retired-doctor'],
};

/**
 * Converts the seeded catalogue (parsed JSON) into declarative schemes, version 1. Throws on an
 * entry it cannot read (unknown id, condition, audience or zone): seed data ships with the code.
 */
export function convertAidCatalogue(seed: unknown): AidScheme[] {
  if (!Array.isArray(seed)) throw new Error('aid catalogue: expected an array of schemes');
  return (seed as SeedAidScheme[]).map(convertScheme);
}

export function convertScheme(entry: SeedAidScheme): AidScheme {
  const reading = SCHEME_READINGS[entry.id];
  if (!reading) throw new Error(`aid catalogue: no reading for scheme ${entry.id}`);
  const conditions = entry.conditions.flatMap((condition) => {
    const criteria = CONDITION_CRITERIA[condition];
    if (!criteria) throw new Error(`aid catalogue: unknown condition ${condition} in ${entry.id}`);
    return criteria;
  });
  const project: AidCriterion[] =
    reading.projects.length > 0 ? [{ kind: 'project', projects: nonEmpty(reading.projects, 'projects'), ...(reading.projectOrInstalled ? { orInstalled: true } : {}) }] : [];
  const commitment: AidCriterion[] = entry.minCommitmentYears !== null ? [{ kind: 'commitment', years: entry.minCommitmentYears }] : [];
  const criteria = mergeCriteria([
    { kind: 'audience', statuses: reading.statuses ? nonEmpty([...reading.statuses], `audience of ${entry.id}`) : audienceOf(entry) },
    ...specialtyFromAudience(entry),
    ...project,
    ...territoryOf(entry, reading),
    ...zoneOf(entry),
    ...commitment,
    ...(reading.category === 'installation' && TEN_YEAR_RULE_FUNDERS.has(entry.funder) ? [TEN_YEAR_RULE] : []),
    ...(reading.extraCriteria ?? []),
    ...conditions,
  ]);
  const historical = entry.conditions.some((c) => c.startsWith('historical-'));
  const mayFollow = entry.conditions.filter((c) => c.startsWith('may-follow:')).map((c) => c.slice('may-follow:'.length));
  return {
    id: entry.id,
    version: 1,
    name: entry.name,
    acronym: entry.acronym,
    funder: entry.funder,
    ...(entry.funderAlternatives ? { funderAlternatives: [...entry.funderAlternatives] } : {}),
    kind: entry.kind,
    category: reading.category,
    beneficiary: reading.beneficiary ?? 'professional',
    dateBasis: reading.dateBasis,
    validFrom: entry.validFrom ?? reading.validFrom ?? null,
    validUntil: entry.validUntil,
    commitmentYears: commitmentYears(criteria),
    criteria: asObligations(criteria, reading),
    amount: amountOf(entry, reading),
    cumulableWith: [...entry.cumulableWith],
    notCumulableWith: [...entry.notCumulableWith],
    ...(mayFollow.length > 0 ? { mayFollow } : {}),
    exclusiveGroups: [...(reading.exclusiveGroups ?? [])],
    confidence: historical ? 'historical' : entry.confidence,
    sources: entry.source.map(sourceOf),
  };
}

/**
 * A study allowance is paid now against a later installation: its zone (and the CESP's sector 1)
 * bind the future place of practice, not the commune the student lives or trains in [001:947-952].
 */
function asObligations(criteria: readonly AidCriterion[], reading: SchemeReading): AidCriterion[] {
  const kinds = new Set(reading.futureObligations ?? []);
  return criteria.map((c) => ((c.kind === 'zone' || c.kind === 'sector') && kinds.has(c.kind) ? { ...c, commitment: true } : c));
}

function audienceOf(entry: SeedAidScheme): NonEmpty<AudienceStatus> {
  const statuses = entry.audience.flatMap((a) => {
    const mapped = AUDIENCE[a];
    if (!mapped) throw new Error(`aid catalogue: unknown audience ${a} in ${entry.id}`);
    return mapped;
  });
  return nonEmpty([...new Set(statuses)], `audience of ${entry.id}`);
}

/** « general-practitioner » without « specialist » or « any-doctor » restricts the scheme to general medicine. */
function specialtyFromAudience(entry: SeedAidScheme): AidCriterion[] {
  const gpOnly = entry.audience.includes('general-practitioner') && !entry.audience.includes('specialist') && !entry.audience.includes('any-doctor');
  return gpOnly ? [{ kind: 'specialty', specialties: ['medecine-generale'] }] : [];
}

function territoryOf(entry: SeedAidScheme, reading: SchemeReading): AidCriterion[] {
  const regions = reading.regions ?? (entry.region ? [entry.region as RegionCode] : []);
  const departements = entry.departement ? [entry.departement] : [];
  if (regions.length === 0 && departements.length === 0) return [];
  return [
    {
      kind: 'territory',
      ...(regions.length > 0 ? { regions: nonEmpty(regions, 'regions') } : {}),
      ...(departements.length > 0 ? { departements: nonEmpty(departements, 'departements') } : {}),
    },
  ];
}

function zoneOf(entry: SeedAidScheme): AidCriterion[] {
  switch (entry.zoneRequirement) {
    case 'zip':
      return [{ kind: 'zone', accepted: ['zip'] }];
    case 'zip-or-zac':
      return [{ kind: 'zone', accepted: ['zip', 'zac'] }];
    case 'zrr':
    case 'zfu':
      return [{ kind: 'special-zone', zone: entry.zoneRequirement }];
    case 'none':
    case 'local':
      return [];
    default:
      throw new Error(`aid catalogue: unknown zone requirement ${String(entry.zoneRequirement)} in ${entry.id}`);
  }
}

function commitmentYears(criteria: readonly AidCriterion[]): number | null {
  const commitment = criteria.find((c) => c.kind === 'commitment');
  return commitment?.kind === 'commitment' ? commitment.years : null;
}

function amountOf(entry: SeedAidScheme, reading: SchemeReading): AidAmount {
  const spec = reading.amount;
  const seeded = entry.amount;
  const payments: AidPayment[] = spec.payments
    ? spec.payments.map((p) => ({ period: p.period, amount: eur(Math.round(p.euros * 100)), count: p.count, upTo: spec.upTo ?? false }))
    : seeded && seeded.value !== null && !['unspecified', 'loan', 'in-kind', 'service', 'tax-exemption'].includes(spec.nature)
      ? [{ period: spec.period ?? seeded.period, amount: eur(Math.round(seeded.value * 100)), upTo: spec.upTo ?? false }]
      : [];
  const cap = seeded?.cap ?? null;
  return {
    nature: spec.nature,
    payments,
    ...(spec.cap === 'per-year' && cap !== null ? { capPerYear: eur(Math.round(cap * 100)) } : {}),
    ...(spec.cap === 'total' && cap !== null ? { capTotal: eur(Math.round(cap * 100)) } : {}),
    ...(spec.feeSupplementPercent !== undefined ? { feeSupplementPercent: spec.feeSupplementPercent } : {}),
    paidOver: spec.paidOver,
    ...(spec.paidOverMonths !== undefined ? { paidOverMonths: spec.paidOverMonths } : {}),
    note: spec.note,
  };
}

function sourceOf(source: SeedAidScheme['source'][number]): AidSource {
  if ('url' in source) return { label: `Page consultée le ${source.consulted ?? 'date inconnue'}`, url: source.url, ...(source.consulted ? { consulted: source.consulted } : {}) };
  return { label: `[${source.seed.slice(0, 3)}:${source.line}]` };
}

const KIND_ORDER: readonly AidCriterion['kind'][] = [
  'superseded', 'audience', 'specialty', 'study-year', 'project', 'territory', 'zone', 'special-zone', 'sector', 'practice-mode',
  'coordinated-practice', 'activity', 'installation-stage', 'seniority', 'on-call', 'internship-placement', 'not-housed-free',
  'previous-aid', 'commitment', 'to-confirm',
];

/**
 * Several seed fields can state the same criterion (zone requirement and a zone condition, three
 * internship conditions): they combine into one criterion per kind, each adding its requirement.
 */
export function mergeCriteria(criteria: readonly AidCriterion[]): AidCriterion[] {
  const merged: AidCriterion[] = [];
  for (const criterion of criteria) {
    const index = merged.findIndex((m) => m.kind === criterion.kind && (m.kind !== 'to-confirm' || (criterion.kind === 'to-confirm' && m.code === criterion.code)) && (m.kind !== 'special-zone' || (criterion.kind === 'special-zone' && m.zone === criterion.zone)));
    if (index === -1) merged.push(criterion);
    else merged[index] = combine(merged[index]!, criterion);
  }
  return merged.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

function combine(a: AidCriterion, b: AidCriterion): AidCriterion {
  if (a.kind === 'zone' && b.kind === 'zone') {
    const accepted = nonEmpty(a.accepted.filter((z) => b.accepted.includes(z)), 'zone criteria without a common zone');
    const withinKm = a.withinKm ?? b.withinKm;
    return { kind: 'zone', accepted, ...(withinKm !== undefined ? { withinKm } : {}) };
  }
  if (a.kind === 'internship-placement' && b.kind === 'internship-placement') {
    const minKmFromChu = maxDefined(a.minKmFromChu, b.minKmFromChu);
    const minKmFromHome = maxDefined(a.minKmFromHome, b.minKmFromHome);
    return {
      kind: 'internship-placement',
      ambulatory: a.ambulatory || b.ambulatory,
      ...(minKmFromChu !== undefined ? { minKmFromChu } : {}),
      ...(minKmFromHome !== undefined ? { minKmFromHome } : {}),
    };
  }
  if (a.kind === 'commitment' && b.kind === 'commitment') {
    const renewable = a.renewable ?? b.renewable;
    return { kind: 'commitment', years: Math.max(a.years, b.years), ...(renewable !== undefined ? { renewable } : {}) };
  }
  if (a.kind === 'specialty' && b.kind === 'specialty') return { kind: 'specialty', specialties: nonEmpty(a.specialties.filter((s) => b.specialties.includes(s)), 'specialties') };
  if (a.kind === 'sector' && b.kind === 'sector') return { kind: 'sector', sectors: nonEmpty(a.sectors.filter((s) => b.sectors.includes(s)), 'sectors') };
  if (a.kind === 'practice-mode' && b.kind === 'practice-mode') return { kind: 'practice-mode', modes: nonEmpty(a.modes.filter((m) => b.modes.includes(m)), 'practice modes') };
  if (a.kind === 'installation-stage' && b.kind === 'installation-stage') {
    const maxMonthsSinceInstallation = minDefined(a.maxMonthsSinceInstallation, b.maxMonthsSinceInstallation);
    const locumMaxMonthsSinceRegistration = a.locumMaxMonthsSinceRegistration ?? b.locumMaxMonthsSinceRegistration;
    return {
      kind: 'installation-stage',
      firstInstallationOnly: a.firstInstallationOnly || b.firstInstallationOnly,
      ...(maxMonthsSinceInstallation !== undefined ? { maxMonthsSinceInstallation } : {}),
      ...(locumMaxMonthsSinceRegistration !== undefined ? { locumMaxMonthsSinceRegistration } : {}),
    };
  }
  return a;
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}
