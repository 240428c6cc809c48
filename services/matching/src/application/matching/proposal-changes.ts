import type { Bundle, ProposalImprovement, ProposalSet } from '@guichet/contracts';
import { ZONE_SHORT } from '../../domain/labels.js';
import { formatEuros } from '../../domain/index.js';

const MAX_CHANGES = 20;
const MAX_LENGTH = 200;

/** Identity of a bundle for the candidate: the offers it combines (bundle ids follow from it). */
export const offersKey = (b: Pick<Bundle, 'premisesOfferId' | 'housingOfferId' | 'jobOfferId' | 'communeCode'>): string =>
  `${b.premisesOfferId ?? '-'}|${b.housingOfferId ?? '-'}|${b.jobOfferId ?? '-'}|${b.communeCode}`;

const aidsOf = (b: Bundle): number => b.eligibility.bestCombination.total.amountCents;
/** No estimable sum is not « 0 € »: the open aids may have no estimate. */
const aidsWords = (b: Bundle): string => (aidsOf(b) > 0 ? formatEuros(aidsOf(b)) : 'aucune chiffrée');

/** True when the candidate would see exactly the same proposals (same offers, ranks, scores, aids, zones). */
export function sameProposals(previous: ProposalSet | undefined, bundles: readonly Bundle[]): boolean {
  if (!previous || previous.bundles.length !== bundles.length) return false;
  return previous.bundles.every((before, i) => {
    const after = bundles[i]!;
    return offersKey(before) === offersKey(after) && before.score.total === after.score.total && aidsOf(before) === aidsOf(after) && before.zone === after.zone;
  });
}

/**
 * A new bundle — offers the candidate was not proposed before — scoring above the best of the
 * previous proposals (or replacing an empty answer): worth telling the candidate by e-mail. A
 * first computation is not an improvement (its own e-mail says the proposals are ready), nor are
 * the same offers ranked again.
 */
export function improvementOf(previous: ProposalSet | undefined, bundles: readonly Bundle[]): ProposalImprovement | undefined {
  if (!previous) return undefined;
  const seen = new Set(previous.bundles.map(offersKey));
  const previousBestScore = previous.bundles.reduce((best, b) => Math.max(best, b.score.total), 0);
  const best = bundles.filter((b) => !seen.has(offersKey(b))).sort((a, b) => b.score.total - a.score.total || a.rank - b.rank)[0];
  if (!best || (previous.bundles.length > 0 && best.score.total <= previousBestScore)) return undefined;
  return { bundleId: best.id, rank: best.rank, score: best.score.total, previousBestScore };
}

/**
 * What changed for the candidate since the previous proposals, in short French sentences: why it
 * was recomputed, then new, withdrawn and changed proposals. Undefined for a first computation.
 */
export function describeChanges(previous: ProposalSet | undefined, bundles: readonly Bundle[], why: readonly string[], communeName: (insee: string) => string): string[] | undefined {
  if (!previous) return undefined;
  const before = new Map(previous.bundles.map((b) => [offersKey(b), b]));
  const after = new Set(bundles.map(offersKey));
  const place = (b: Bundle) => communeName(b.communeCode);
  const lines = [...why];
  for (const b of bundles) {
    const old = before.get(offersKey(b));
    if (!old) {
      lines.push(`Nouvelle proposition n°${b.rank} à ${place(b)} (score ${score(b)}).`);
      continue;
    }
    if (old.zone !== b.zone) lines.push(`Proposition à ${place(b)} : la commune passe de ${zoneShort(old)} à ${zoneShort(b)}.`);
    if (aidsOf(old) !== aidsOf(b)) lines.push(`Proposition à ${place(b)} : aides estimées ${aidsWords(old)} → ${aidsWords(b)}.`);
    if (old.rank !== b.rank) lines.push(`La proposition à ${place(b)} passe du rang ${old.rank} au rang ${b.rank}.`);
  }
  for (const b of previous.bundles) if (!after.has(offersKey(b))) lines.push(`La proposition à ${place(b)} (rang ${b.rank}) n'est plus proposée.`);
  if (bundles.length === 0 && previous.bundles.length > 0) lines.push('Plus aucune proposition ne correspond à votre demande pour le moment.');
  return lines.slice(0, MAX_CHANGES).map((line) => (line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH - 1)}…` : line));
}

/** The zone of a bundle's commune in a few words; a commune no zoning order covers has no known zone. */
function zoneShort(b: Bundle): string {
  return b.zone ? ZONE_SHORT[b.zone] : 'zonage inconnu';
}

function score(b: Bundle): string {
  return b.score.total.toFixed(1).replace('.', ',');
}
