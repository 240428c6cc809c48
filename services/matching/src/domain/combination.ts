import type { AidCombination, AidHeadline, AidScheme, CombinationLimit, EligibilityVerdict, ExcludedAid } from '@guichet/contracts';
import { applyLimits } from './combination-limits.js';
import { eur, formatEuros } from './money.js';
import { listFr, plural } from './labels.js';

/** Above this many mutually conflicting schemes, exact search gives way to a greedy choice (never reached by the seeded catalogue). */
const EXACT_SEARCH_LIMIT = 20;

interface Candidate {
  readonly verdict: EligibilityVerdict;
  readonly value: number;
}

/**
 * The set of eligible schemes worth most to the candidate, such that no two are declared
 * non-cumulable (either side's notCumulableWith) or share an exclusive group. Only aids paid to
 * the professional count; aids to a structure are listed as eligible but not summed. Ties: more
 * schemes, then the smaller ids. Each excluded scheme says which retained one it conflicts with.
 */
export function bestCombination(verdicts: readonly EligibilityVerdict[], catalogue: readonly AidScheme[]): AidCombination {
  const schemes = new Map(catalogue.map((s) => [s.id, s]));
  const eligible: Candidate[] = verdicts
    .filter((v) => v.status === 'eligible' && schemes.get(v.schemeId)?.beneficiary !== 'structure')
    .map((verdict) => ({ verdict, value: verdict.amount.estimated?.amountCents ?? 0 }))
    .sort((a, b) => (a.verdict.schemeId < b.verdict.schemeId ? -1 : 1));
  const { candidates, later } = withoutSuccessors(eligible, schemes);
  const conflicts = (a: string, b: string) => conflict(schemes.get(a), schemes.get(b));
  const chosen = components(candidates, conflicts).flatMap((component) => bestIndependentSet(component, conflicts));
  const chosenIds = new Set(chosen.map((c) => c.verdict.schemeId));
  const excluded: ExcludedAid[] = [...later, ...candidates
    .filter((c) => !chosenIds.has(c.verdict.schemeId))
    .map((c) => {
      const winner = chosen.find((k) => conflicts(k.verdict.schemeId, c.verdict.schemeId))!;
      const why =
        winner.value > c.value
          ? `retenu car plus avantageux (${valueWords(winner)} contre ${valueWords(c)})`
          : winner.value === c.value
            ? `retenu à montant égal (${valueWords(c)})`
            : `la combinaison retenue rapporte davantage au total (${valueWords(c)} pour celui-ci seul)`;
      return {
        schemeId: c.verdict.schemeId,
        conflictsWith: winner.verdict.schemeId,
        message: `« ${c.verdict.schemeName} » n'est pas cumulable avec « ${winner.verdict.schemeName} » : ${why}.`,
      };
    })];
  const { total, limits } = applyLimits(chosen, schemes);
  const schemeIds = chosen.map((c) => c.verdict.schemeId).sort();
  const structureCount = verdicts.filter((v) => v.status === 'eligible' && schemes.get(v.schemeId)?.beneficiary === 'structure').length;
  return {
    schemeIds,
    total: eur(total),
    excluded,
    message: summary(chosen, total, excluded.length - later.length, later.length, structureCount),
    headline: headline(verdicts, chosen, total, limits),
    ...(limits.length > 0 ? { limits } : {}),
  };
}

const count = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/**
 * Open aids, aids to clarify and the estimable sum, told apart: a sum alone would hide the aids
 * that have no estimate, and an open aid without one must never read as « 0 € ».
 */
function headline(verdicts: readonly EligibilityVerdict[], chosen: readonly Candidate[], total: number, limits: readonly CombinationLimit[]): AidHeadline {
  const open = verdicts.filter((v) => v.status === 'eligible').length;
  const toClarify = verdicts.filter((v) => v.status === 'needs-information').length;
  const estimable = chosen.filter((c) => c.verdict.amount.estimated !== null);
  const unestimated = chosen.length - estimable.length;
  const upTo = estimable.some((c) => c.verdict.amount.basis === 'maximum') || limits.some((l) => !l.binding);
  const title =
    open === 0 && toClarify === 0
      ? 'Aucune aide ouverte pour cette situation'
      : [...(open > 0 ? [count(open, 'aide ouverte', 'aides ouvertes')] : []), ...(toClarify > 0 ? [count(toClarify, 'aide à préciser', 'aides à préciser')] : [])].join(', ');
  const base = { open, toClarify, retained: chosen.length, unestimated, title };
  if (estimable.length === 0 || total <= 0) return base;
  const rest = unestimated > 0 ? `, hors ${count(unestimated, 'aide au montant non estimable', 'aides au montant non estimable')}` : '';
  const capped = limits.some((l) => l.binding) ? ', plafonds appliqués' : '';
  return { ...base, estimated: eur(total), upTo, estimate: `Montant estimé des aides cumulables : ${upTo ? 'jusqu’à ' : ''}${formatEuros(total)}${rest}${capped}` };
}

/**
 * A scheme that may follow another one it cannot be cumulated with (the PTMA after the PTMG
 * [001:2886]) is not its rival: when both are open, the first one is kept and the other is told
 * as what comes after it, not as a less advantageous choice.
 */
function withoutSuccessors(eligible: readonly Candidate[], schemes: ReadonlyMap<string, AidScheme>): { candidates: Candidate[]; later: ExcludedAid[] } {
  const later: ExcludedAid[] = [];
  const candidates = eligible.filter((c) => {
    const follows = (schemes.get(c.verdict.schemeId)?.mayFollow ?? []).map((id) => eligible.find((e) => e.verdict.schemeId === id)).find((e) => e !== undefined);
    if (!follows) return true;
    later.push({
      schemeId: c.verdict.schemeId,
      conflictsWith: follows.verdict.schemeId,
      message: `« ${c.verdict.schemeName} » ne se cumule pas avec « ${follows.verdict.schemeName} » mais peut lui succéder : il se demande à la fin de « ${follows.verdict.schemeName} », pas en même temps.`,
    });
    return false;
  });
  return { candidates, later };
}

function conflict(a: AidScheme | undefined, b: AidScheme | undefined): boolean {
  if (!a || !b || a.id === b.id) return false;
  if (a.notCumulableWith.includes(b.id) || b.notCumulableWith.includes(a.id)) return true;
  return a.exclusiveGroups.some((g) => b.exclusiveGroups.includes(g));
}

function components(candidates: readonly Candidate[], conflicts: (a: string, b: string) => boolean): Candidate[][] {
  const seen = new Set<string>();
  const result: Candidate[][] = [];
  for (const start of candidates) {
    if (seen.has(start.verdict.schemeId)) continue;
    const component: Candidate[] = [];
    const stack = [start];
    seen.add(start.verdict.schemeId);
    while (stack.length > 0) {
      const current = stack.pop()!;
      component.push(current);
      for (const other of candidates) {
        if (!seen.has(other.verdict.schemeId) && conflicts(current.verdict.schemeId, other.verdict.schemeId)) {
          seen.add(other.verdict.schemeId);
          stack.push(other);
        }
      }
    }
    result.push(component.sort((a, b) => (a.verdict.schemeId < b.verdict.schemeId ? -1 : 1)));
  }
  return result;
}

function bestIndependentSet(component: readonly Candidate[], conflicts: (a: string, b: string) => boolean): Candidate[] {
  if (component.length === 1) return [...component];
  if (component.length > EXACT_SEARCH_LIMIT) return greedy(component, conflicts);
  let best: Candidate[] = [];
  const search = (index: number, picked: Candidate[]) => {
    if (index === component.length) {
      if (better(picked, best)) best = [...picked];
      return;
    }
    const candidate = component[index]!;
    if (picked.every((p) => !conflicts(p.verdict.schemeId, candidate.verdict.schemeId))) search(index + 1, [...picked, candidate]);
    search(index + 1, picked);
  };
  search(0, []);
  return best;
}

function greedy(component: readonly Candidate[], conflicts: (a: string, b: string) => boolean): Candidate[] {
  const picked: Candidate[] = [];
  for (const candidate of [...component].sort((a, b) => b.value - a.value || (a.verdict.schemeId < b.verdict.schemeId ? -1 : 1))) {
    if (picked.every((p) => !conflicts(p.verdict.schemeId, candidate.verdict.schemeId))) picked.push(candidate);
  }
  return picked;
}

function better(a: readonly Candidate[], b: readonly Candidate[]): boolean {
  const va = a.reduce((s, c) => s + c.value, 0);
  const vb = b.reduce((s, c) => s + c.value, 0);
  if (va !== vb) return va > vb;
  if (a.length !== b.length) return a.length > b.length;
  return a.map((c) => c.verdict.schemeId).join('|') < b.map((c) => c.verdict.schemeId).join('|');
}

function valueWords(candidate: Candidate): string {
  return candidate.verdict.amount.estimated === null ? 'montant non estimable' : formatEuros(candidate.value);
}

function summary(chosen: readonly Candidate[], total: number, excludedCount: number, laterCount: number, structureCount: number): string {
  if (chosen.length === 0) return 'Aucun dispositif éligible à cumuler pour le moment.';
  const names = listFr(chosen.map((c) => `« ${c.verdict.schemeName} »`), 'et');
  // A scheme without an estimate adds 0 to the total: saying « 0 € » would tell the candidate it is worth nothing.
  const unestimated = chosen.filter((c) => c.verdict.amount.estimated === null).length;
  const amount =
    unestimated === chosen.length
      ? 'montant non estimable à ce stade (il dépend de la convention ou de votre dossier)'
      : unestimated > 0
        ? `pour un montant estimé de ${formatEuros(total)} sur la durée des engagements, hors ${plural(unestimated, 'dispositif', 'dispositifs')} au montant non estimable`
        : `pour un montant estimé de ${formatEuros(total)} sur la durée des engagements`;
  const parts = [`Combinaison retenue : ${names}, ${amount}.`];
  if (excludedCount > 0) parts.push(`${plural(excludedCount, 'dispositif éligible écarté', 'dispositifs éligibles écartés')} car non cumulable${excludedCount > 1 ? 's' : ''} avec un dispositif plus avantageux.`);
  if (laterCount > 0) parts.push(`${plural(laterCount, 'dispositif', 'dispositifs')} à demander ensuite, à la suite d'un dispositif retenu.`);
  if (structureCount > 0) parts.push(`${plural(structureCount, 'aide versée', 'aides versées')} à la structure d'exercice (MSP, centre de santé) non comptée${structureCount > 1 ? 's' : ''} dans ce montant.`);
  return parts.join(' ');
}
