import type { AidCombination, AidDigest, Bundle, BundleDigest, EligibilityVerdict, FailingCriterion, ProposalDigest, ProposalSet } from '@guichet/contracts';

function failingOf(verdict: EligibilityVerdict): FailingCriterion[] {
  const failing: FailingCriterion[] = [];
  for (const { criterion, code, outcome, message } of verdict.reasons) {
    if (outcome === 'not-met' || outcome === 'unknown') failing.push({ criterion, code, outcome, message });
  }
  return failing;
}

function aidOf(verdict: EligibilityVerdict & { status: AidDigest['status'] }): AidDigest {
  return { schemeId: verdict.schemeId, schemeName: verdict.schemeName, funder: verdict.funder, status: verdict.status, amount: verdict.amount, failing: failingOf(verdict) };
}

const opens = (verdict: EligibilityVerdict): verdict is EligibilityVerdict & { status: AidDigest['status'] } => verdict.status !== 'not-eligible';

/** The headline and the limits that play go with the total, so that no reader shows a bare « 0 € » for open aids without an estimate. */
function headlineAndLimits({ headline, limits }: AidCombination): Pick<AidCombination, 'headline' | 'limits'> {
  return { ...(headline ? { headline } : {}), ...(limits ? { limits } : {}) };
}

function bundleDigest(bundle: Bundle): BundleDigest {
  const { eligibility, ...rest } = bundle;
  const aids = eligibility.verdicts.filter(opens).map(aidOf);
  return {
    ...rest,
    aids,
    aidsNotOpen: eligibility.verdicts.length - aids.length,
    bestCombination: { schemeIds: eligibility.bestCombination.schemeIds, total: eligibility.bestCombination.total, ...headlineAndLimits(eligibility.bestCombination) },
  };
}

/**
 * What `proposals-computed` carries of a proposal set: its readers (intake for the candidate,
 * notifications for the stakeholders) use the bundles and the aids they open, not the verdict
 * of every scheme evaluated, which stays in the set matching keeps and serves.
 */
export function proposalDigest(set: ProposalSet): ProposalDigest {
  return { ...set, bundles: set.bundles.map(bundleDigest) };
}
