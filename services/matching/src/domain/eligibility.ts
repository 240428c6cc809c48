import type {
  AidCategory,
  EligibilityResult,
  AidDateBasis,
  AidScheme,
  CriterionReason,
  EligibilityHint,
  EligibilityVerdict,
  FragileZone,
  IsoDate,
  VerdictStatus,
} from '@guichet/contracts';
import type { CriterionContext, EligibilityInput, NearbyCommune } from './eligibility-context.js';
import { estimateAmount } from './amount.js';
import { addDays, formatDateFr } from './dates.js';
import { bestCombination } from './combination.js';
import { evaluateCriterion, insideTerritory } from './eligibility-criteria.js';
import { formatKm, roundKm } from './geo.js';
import { PRACTICE_MODE_LABELS, SECTOR_LABELS, ZONE_SHORT, listFr, plural } from './labels.js';
import { arreteAt, zoneAt } from './zoning.js';

export const DEFAULT_HINT_RADIUS_KM = 20;
const MAX_HINT_COMMUNES = 5;

/**
 * Evaluates every scheme of the catalogue for one profile and one place. Each scheme is judged at
 * the date that matters to it (planned installation date, internship start, else the reference
 * date `at`), so the same profile gets different answers before and after a scheme opens or
 * closes. Verdicts follow the catalogue order.
 */
export function evaluateEligibility(input: EligibilityInput): EligibilityVerdict[] {
  const categories = new Map<string, AidCategory>(input.catalogue.map((s) => [s.id, s.category]));
  // Schemes are judged at a few distinct dates: the zones of the neighbours are read once per date, not once per scheme.
  const nearbyByDate = new Map<IsoDate, readonly NearbyCommune[]>();
  const nearbyAt = (date: IsoDate) => {
    let nearby = nearbyByDate.get(date);
    if (!nearby) nearbyByDate.set(date, (nearby = nearbyAtDate(input, date)));
    return nearby;
  };
  return input.catalogue.map((scheme) => evaluateScheme(scheme, input, (id) => categories.get(id), nearbyAt));
}

/** The full answer for a place, as the contract carries it: every verdict, and the best cumulable combination. */
export function eligibilityResult(input: EligibilityInput): EligibilityResult {
  const verdicts = evaluateEligibility(input);
  const { insee } = input.place.commune;
  const zone = input.zoning ? zoneAt(input.zoning, insee, input.at) : input.place.zone;
  const arrete = input.zoning ? arreteAt(input.zoning, insee, input.at) : null;
  return { communeInsee: insee, ...(zone !== null ? { zone } : {}), ...(arrete ? { zoneArrete: arrete } : {}), referenceDate: input.at, verdicts, bestCombination: bestCombination(verdicts, input.catalogue) };
}

export function evaluateScheme(
  scheme: AidScheme,
  input: EligibilityInput,
  categoryOf: (schemeId: string) => AidCategory | undefined,
  nearbyAt: (date: IsoDate) => readonly NearbyCommune[] = (date) => nearbyAtDate(input, date),
): EligibilityVerdict {
  const { date, basis } = evaluationDate(scheme.dateBasis, input);
  // An internship aid applies where the internship happens, whatever place the request settles in.
  const atInternship = scheme.dateBasis === 'internship' && input.internshipPlace !== undefined;
  const place = atInternship ? input.internshipPlace! : input.place;
  const ctx: CriterionContext = {
    scheme,
    profile: input.profile,
    place,
    date,
    zone: input.zoning ? zoneAt(input.zoning, place.commune.insee, date) : place.zone,
    nearby: atInternship ? [] : nearbyAt(date),
    previousAids: input.previousAids ?? [],
    categoryOf,
  };
  const reasons: [CriterionReason, ...CriterionReason[]] = [validity(scheme, date), ...scheme.criteria.map((criterion) => evaluateCriterion(criterion, ctx))];
  const status = statusOf(reasons);
  return {
    schemeId: scheme.id,
    schemeVersion: scheme.version,
    schemeName: scheme.name,
    funder: scheme.funder,
    category: scheme.category,
    status,
    evaluatedOn: date,
    dateBasis: basis,
    reasons,
    amount: estimateAmount(scheme, input.profile, ctx.zone),
    hint: status === 'not-eligible' ? hintFor(scheme, reasons, ctx, input.hintRadiusKm ?? DEFAULT_HINT_RADIUS_KM) : null,
  };
}

/** The communes near the place with their zone at `date` when the zoning history is given. */
function nearbyAtDate(input: EligibilityInput, date: IsoDate): readonly NearbyCommune[] {
  const nearby = input.place.nearby ?? [];
  const { zoning } = input;
  return zoning ? nearby.map((n) => ({ ...n, zone: zoneAt(zoning, n.insee, date) })) : nearby;
}

function evaluationDate(dateBasis: AidDateBasis, input: EligibilityInput): { date: IsoDate; basis: AidDateBasis } {
  if (dateBasis === 'installation' && input.profile.plannedInstallationDate) return { date: input.profile.plannedInstallationDate, basis: 'installation' };
  if (dateBasis === 'internship' && input.profile.internship) return { date: input.profile.internship.startDate, basis: 'internship' };
  return { date: input.at, basis: 'request' };
}

function validity(scheme: AidScheme, date: IsoDate): CriterionReason {
  const params = { date, validFrom: scheme.validFrom, validUntil: scheme.validUntil };
  if (scheme.validFrom !== null && date < scheme.validFrom) {
    return { criterion: 'validity', code: 'not-yet-open', outcome: 'not-met', params, message: `Dispositif ouvert aux nouveaux contrats à partir du ${formatDateFr(scheme.validFrom)} seulement (date évaluée : ${formatDateFr(date)}).` };
  }
  if (scheme.validUntil !== null && date > scheme.validUntil) {
    return { criterion: 'validity', code: 'closed-to-new-contracts', outcome: 'not-met', params, message: `Dispositif fermé aux nouveaux contrats depuis le ${formatDateFr(addDays(scheme.validUntil, 1))} (date évaluée : ${formatDateFr(date)}).` };
  }
  return { criterion: 'validity', code: 'within-validity-window', outcome: 'met', params, message: `Le dispositif accepte de nouveaux contrats au ${formatDateFr(date)}.` };
}

function statusOf(reasons: readonly CriterionReason[]): VerdictStatus {
  if (reasons.some((r) => r.outcome === 'not-met')) return 'not-eligible';
  if (reasons.some((r) => r.outcome === 'unknown')) return 'needs-information';
  return 'eligible';
}

/**
 * « What would make it eligible », only for a scheme just out of reach: exactly one criterion
 * fails and it is one the candidate can act on.
 */
function hintFor(scheme: AidScheme, reasons: readonly CriterionReason[], ctx: CriterionContext, radiusKm: number): EligibilityHint | null {
  const failing = reasons.filter((r) => r.outcome === 'not-met');
  if (failing.length !== 1) return null;
  const [failed] = failing as [CriterionReason];
  switch (failed.criterion) {
    case 'zone':
      return zoneHint(scheme, ctx, radiusKm);
    case 'validity':
      return failed.code === 'not-yet-open' && scheme.validFrom !== null && scheme.dateBasis === 'installation'
        ? { code: 'install-later', params: { validFrom: scheme.validFrom }, message: `Éligible si votre installation a lieu à partir du ${formatDateFr(scheme.validFrom)}.` }
        : null;
    case 'sector': {
      const sectors = scheme.criteria.flatMap((c) => (c.kind === 'sector' ? c.sectors : []));
      return { code: 'change-sector', params: { sectors }, message: `Éligible si vous exercez en ${listFr(sectors.map((s) => SECTOR_LABELS[s]))}.` };
    }
    case 'practice-mode': {
      const modes = scheme.criteria.flatMap((c) => (c.kind === 'practice-mode' ? c.modes : []));
      return { code: 'change-practice-mode', params: { modes }, message: `Éligible si vous exercez en ${listFr(modes.map((m) => PRACTICE_MODE_LABELS[m]))}.` };
    }
    case 'coordinated-practice':
      return { code: 'join-coordinated-practice', params: {}, message: 'Éligible si vous exercez de façon coordonnée : maison de santé pluriprofessionnelle, centre de santé, cabinet de groupe, CPTS ou équipe de soins primaires.' };
    case 'activity': {
      const min = scheme.criteria.flatMap((c) => (c.kind === 'activity' ? [c.minHalfDaysPerWeek] : []))[0] ?? 0;
      return { code: 'increase-activity', params: { minHalfDaysPerWeek: min }, message: `Éligible à partir de ${plural(min, 'demi-journée', 'demi-journées')} d'activité par semaine.` };
    }
    case 'on-call':
      return { code: 'join-on-call', params: {}, message: 'Éligible si vous participez à la permanence des soins ambulatoires (PDSA).' };
    case 'commitment': {
      const years = scheme.commitmentYears ?? 0;
      return { code: 'accept-commitment', params: { years }, message: `Éligible si vous acceptez un engagement d'exercice de ${plural(years, 'an')}.` };
    }
    default:
      return null;
  }
}

function zoneHint(scheme: AidScheme, ctx: CriterionContext, radiusKm: number): EligibilityHint | null {
  const accepted = scheme.criteria.flatMap((c) => (c.kind === 'zone' ? c.accepted : []));
  const territory = scheme.criteria.find((c) => c.kind === 'territory');
  const candidates = ctx.nearby
    .filter((n): n is NearbyCommune & { zone: FragileZone } => n.zone === 'zip' || n.zone === 'zac')
    .filter((n) => accepted.includes(n.zone) && n.distanceKm <= radiusKm && n.insee !== ctx.place.commune.insee)
    .filter((n) => territory?.kind !== 'territory' || insideTerritory(territory, n))
    .sort((a, b) => a.distanceKm - b.distanceKm || (a.insee < b.insee ? -1 : 1))
    .slice(0, MAX_HINT_COMMUNES);
  if (candidates.length === 0) return null;
  const zones = listFr(accepted.map((z) => ZONE_SHORT[z]));
  const list = candidates.map((n) => `${n.name} (${formatKm(n.distanceKm)})`).join(', ');
  const move = scheme.dateBasis === 'internship' ? 'votre stage a lieu' : 'vous vous installez';
  return {
    code: 'move-to-eligible-zone',
    params: { radiusKm, accepted: [...accepted] },
    message: `Éligible si ${move} dans l'une de ces communes en ${zones} à moins de ${radiusKm} km : ${list}.`,
    communes: candidates.map((n) => ({ insee: n.insee, name: n.name, zone: n.zone, distanceKm: roundKm(n.distanceKm) })),
  };
}
