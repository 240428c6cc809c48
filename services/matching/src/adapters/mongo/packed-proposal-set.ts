import type { Bundle, EligibilityResult, ProposalSet } from '@guichet/contracts';
import { packJson, unpackJson } from '@guichet/platform';
import type * as mongo from 'mongodb';

/** How a proposal set is stored: its bundles' eligibility apart, each distinct result deflated once. */
export interface PackedProposalSet {
  /** The set, its bundles without their eligibility. */
  packed: mongo.Binary;
  /** Each distinct eligibility result of the bundles, deflated JSON. */
  eligibility: mongo.Binary[];
  /** For each bundle, in order, the index of its eligibility in `eligibility`. */
  bundleEligibility: number[];
}

type BareBundle = Omit<Bundle, 'eligibility'>;

/**
 * Eligibility results as deflated once, by the result itself. The eligibility cache hands the same
 * result to every set computed for a like profile in a commune (and to each recomputation of a
 * request), and the results are nearly all of a set's ~110 kB: deflating a set whole cost more CPU
 * than computing it. Entries go with the results the cache lets go of.
 */
const deflated = new WeakMap<EligibilityResult, mongo.Binary>();

function packResult(result: EligibilityResult): mongo.Binary {
  let packed = deflated.get(result);
  if (packed === undefined) {
    packed = packJson(result);
    deflated.set(result, packed);
  }
  return packed;
}

export function packProposalSet(set: ProposalSet): PackedProposalSet {
  const results: EligibilityResult[] = [];
  const bundleEligibility = set.bundles.map(({ eligibility }) => {
    const known = results.indexOf(eligibility);
    return known >= 0 ? known : results.push(eligibility) - 1;
  });
  const bundles: BareBundle[] = set.bundles.map(({ eligibility: _eligibility, ...bundle }) => bundle);
  return { packed: packJson({ ...set, bundles }), eligibility: results.map(packResult), bundleEligibility };
}

export function unpackProposalSet({ packed, eligibility, bundleEligibility }: PackedProposalSet): ProposalSet {
  const set = unpackJson<Omit<ProposalSet, 'bundles'> & { bundles: BareBundle[] }>(packed);
  const results = eligibility.map((result) => unpackJson<EligibilityResult>(result));
  return {
    ...set,
    bundles: set.bundles.map((bundle, i) => {
      const result = results[bundleEligibility[i] ?? -1];
      if (result === undefined) throw new Error(`propositions ${set.proposalSetId} : éligibilité du paquet ${bundle.id} absente`);
      return { ...bundle, eligibility: result };
    }),
  };
}
