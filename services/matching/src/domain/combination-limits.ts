import type { AidFunder, AidScheme, CombinationLimit, EligibilityVerdict } from '@guichet/contracts';
import { DEFAULT_INTERNSHIP_MONTHS } from './amount.js';
import { eur, formatEuros } from './money.js';
import { listFr } from './labels.js';

/**
 * The housing and travel allowances collectivities pay an intern for a stage are capped at 20 % of
 * a 3rd-year intern's monthly pay, 425 € gross a month, in total across every funding collectivity
 * [001:2812-2819, 001:1173].
 */
export const INTERNSHIP_ALLOWANCES_CAP_PER_MONTH_CENTS = 42_500;

const COLLECTIVITIES: ReadonlySet<AidFunder> = new Set(['region', 'departement', 'intercommunalite', 'commune']);

export interface RetainedAid {
  readonly verdict: EligibilityVerdict;
  readonly value: number;
}

export interface LimitedTotal {
  readonly total: number;
  readonly limits: CombinationLimit[];
}

const names = (aids: readonly RetainedAid[]) => listFr(aids.map((a) => `« ${a.verdict.schemeName} »`), 'et');

/**
 * The estimable sum of the retained aids once the caps that play on it are applied, and each cap or
 * cumulation limit that plays, said where the total is computed: a scheme's own cap that cut its
 * amount, the common cap of the collectivities' internship allowances (which lowers the sum), and
 * the State housing allowance counted with a collectivity's internship aid (which the sources do
 * not settle: the sum is then a maximum).
 */
export function applyLimits(retained: readonly RetainedAid[], schemes: ReadonlyMap<string, AidScheme>): LimitedTotal {
  const limits: CombinationLimit[] = retained.flatMap((aid) => ownCap(aid, schemes.get(aid.verdict.schemeId)));
  let total = retained.reduce((sum, aid) => sum + aid.value, 0);
  const local = retained.filter((aid) => isLocalInternshipAid(schemes.get(aid.verdict.schemeId)));
  const localCash = local.filter((aid) => aid.verdict.amount.estimated !== null);
  if (localCash.length > 0) {
    const months = Math.max(...localCash.map((aid) => aid.verdict.amount.months ?? DEFAULT_INTERNSHIP_MONTHS));
    const cap = INTERNSHIP_ALLOWANCES_CAP_PER_MONTH_CENTS * months;
    const sum = localCash.reduce((s, aid) => s + aid.value, 0);
    if (sum > cap) {
      total -= sum - cap;
      limits.push({
        code: 'internship-allowances-cap',
        schemeIds: localCash.map((aid) => aid.verdict.schemeId),
        binding: true,
        cap: eur(cap),
        message: `Les indemnités de logement et de déplacement versées par les collectivités pour un stage sont plafonnées à ${formatEuros(INTERNSHIP_ALLOWANCES_CAP_PER_MONTH_CENTS)} brut par mois, tous financeurs confondus : ${names(localCash)} sont comptées ensemble pour ${formatEuros(cap)} sur ${months} mois au lieu de ${formatEuros(sum)}.`,
      });
    }
  }
  const stateHousing = retained.filter((aid) => isStateHousingAllowance(schemes.get(aid.verdict.schemeId)));
  if (stateHousing.length > 0 && local.length > 0) {
    limits.push({
      code: 'state-housing-with-local-aid',
      schemeIds: [...stateHousing, ...local].map((aid) => aid.verdict.schemeId),
      binding: false,
      message: `${names(stateHousing)} est comptée avec ${names(local)} : elle est exclue si vous êtes logé(e) gratuitement, et le rapport des délégués à l'accès aux soins (2018) la dit non cumulable avec toute aide financière ou matérielle d'une collectivité. Montant donné comme un maximum : à vérifier auprès de l'ARS avant de compter sur les deux.`,
    });
  }
  return { total, limits };
}

/** A scheme's own cap (per year or in total) bound when its estimate is exactly the cap over the period. */
function ownCap(aid: RetainedAid, scheme: AidScheme | undefined): CombinationLimit[] {
  const { estimated, months } = aid.verdict.amount;
  if (!scheme || estimated === null) return [];
  const { capPerYear, capTotal } = scheme.amount;
  const years = Math.max(1, Math.ceil((months ?? 0) / 12));
  const caps = [capTotal?.amountCents, capPerYear === undefined ? undefined : capPerYear.amountCents * years].filter((c): c is number => c !== undefined);
  const cap = caps.find((c) => c === estimated.amountCents);
  if (cap === undefined) return [];
  return [{
    code: 'scheme-cap',
    schemeIds: [scheme.id],
    binding: true,
    cap: eur(cap),
    message: `« ${scheme.name} » est compté à son plafond, ${formatEuros(cap)}${capPerYear && cap !== capTotal?.amountCents ? ` (${formatEuros(capPerYear.amountCents)} par an)` : ''} : les versements prévus le dépassaient.`,
  }];
}

function isLocalInternshipAid(scheme: AidScheme | undefined): boolean {
  return scheme !== undefined && COLLECTIVITIES.has(scheme.funder) && (scheme.category === 'internship-allowance' || (scheme.category === 'housing' && scheme.dateBasis === 'internship'));
}

/** The State's flat housing allowance for interns in under-dense zones: excluded when housed free of charge [001:1161], not cumulable with a collectivity's aid per [004:584-585]. */
function isStateHousingAllowance(scheme: AidScheme | undefined): boolean {
  return scheme !== undefined && scheme.funder === 'state' && scheme.criteria.some((c) => c.kind === 'not-housed-free');
}
