import { validateRegionCode, type CaseStatistics, type OfferKind, type ProposalDigest, type RegionCode, type Territory } from '@guichet/contracts';
import { scopeOf } from '@guichet/territory';
import { computeStatistics, type CaseFacts, type CaseState, type StatisticsPeriod } from '../domain/index.js';
import type { Caller } from './caller.js';
import type { CaseRepository, Runtime } from './ports.js';

function kindsOf(set: ProposalDigest | undefined, bundleId: string): OfferKind[] {
  const bundle = set?.bundles.find((candidate) => candidate.id === bundleId);
  if (bundle === undefined) return [];
  return [
    ...(bundle.premisesOfferId === undefined ? [] : (['premises'] as const)),
    ...(bundle.housingOfferId === undefined ? [] : (['housing'] as const)),
    ...(bundle.jobOfferId === undefined ? [] : (['job'] as const)),
  ];
}

/** The offers a case filled: those of its accepted bundle, once matching confirmed their reservation. */
async function factsOf(cases: CaseRepository, state: CaseState): Promise<CaseFacts> {
  const acceptance = state.acceptance;
  if (acceptance?.outcome !== 'confirmed') return { state, filledOffers: [] };
  const [set] = await cases.proposalSets(state.id, [acceptance.proposalSetId]);
  return { state, filledOffers: kindsOf(set, acceptance.bundleId) };
}

/** The outcomes of the caller's territory over a period; a caller without territory sees nothing. */
export async function caseStatistics(
  deps: { cases: CaseRepository; runtime: Runtime },
  caller: Caller & { as: 'caseworker' },
  period: StatisticsPeriod,
): Promise<CaseStatistics> {
  const scope = scopeOf(caller.claims);
  const now = deps.runtime.now().toISOString();
  const territory: Territory = {
    regions: scope.level === 'region' ? scope.codes.filter((code): code is RegionCode => validateRegionCode(code).ok) : [],
    departements: scope.level === 'departement' ? [...scope.codes] : [],
  };
  if (scope.level === 'none') return computeStatistics([], period, territory, now);
  const states = await deps.cases.submittedBetween(scope, `${period.from}T00:00:00.000Z`, `${period.to}T23:59:59.999Z`);
  const facts = await Promise.all(states.map((state) => factsOf(deps.cases, state)));
  return computeStatistics(facts, period, territory, now);
}
