import { describe, expect, it } from '@jest/globals';
import { validateProposalsComputed, validateProposalSet, type EligibilityVerdict, type ProposalSet } from '@guichet/contracts';
import { proposalDigest } from './proposal-digest.js';

function verdict(schemeId: string, status: EligibilityVerdict['status'], reasons: EligibilityVerdict['reasons']): EligibilityVerdict {
  return {
    schemeId,
    schemeVersion: 1,
    schemeName: `Aide ${schemeId}`,
    funder: 'departement',
    category: 'installation',
    status,
    evaluatedOn: '2026-11-02',
    dateBasis: 'installation',
    reasons,
    amount: { estimated: { amountCents: 500_000, currency: 'EUR' }, basis: 'maximum', months: null, message: '5 000 € au plus.' },
    hint: null,
  };
}

const met = { criterion: 'validity', code: 'within-validity-window', outcome: 'met', params: {}, message: 'Dispositif ouvert.' } as const;
const unknown = { criterion: 'on-call', code: 'on-call-unknown', outcome: 'unknown', params: {}, message: 'Participation à la permanence des soins inconnue.' } as const;
const notMet = { criterion: 'zone', code: 'zone-not-accepted', outcome: 'not-met', params: { zone: 'zac' }, message: 'Commune en ZAC : cette aide exige une ZIP.' } as const;
const informative = { criterion: 'to-confirm', code: 'funder-checks', outcome: 'informative', params: {}, message: 'À confirmer par le financeur.' } as const;

const set: ProposalSet = {
  proposalSetId: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
  requestId: '7d1f6a52-3c2b-4c8e-a0f4-5b9e2d1c7a30',
  requestVersion: 2,
  computedAt: '2026-10-06T10:12:05Z',
  trigger: 'request-submitted',
  bundles: [
    {
      id: 'f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f',
      rank: 1,
      communeCode: '37072',
      zone: 'zac',
      premisesOfferId: 'c5a0e3f2-6b1d-4e8a-9c7f-2d4b6a8e0f13',
      score: { total: 50, terms: [{ code: 'aids', label: 'Aides ouvertes', weight: 20, value: 1, contribution: 20 }] },
      explanation: 'Local à Chinon.',
      eligibility: {
        communeInsee: '37072',
        zone: 'zac',
        referenceDate: '2026-11-02',
        verdicts: [
          verdict('open', 'eligible', [met, informative]),
          verdict('to-clarify', 'needs-information', [met, unknown]),
          verdict('out-of-reach', 'not-eligible', [notMet]),
          verdict('also-out', 'not-eligible', [notMet]),
        ],
        bestCombination: { schemeIds: ['open'], total: { amountCents: 500_000, currency: 'EUR' }, excluded: [], message: 'Combinaison retenue : « Aide open ».' },
      },
    },
  ],
  changes: ['Nouveau local.'],
};

describe('proposalDigest', () => {
  it('keeps the bundles and the aids they open or may open, each with the criteria it does not meet yet', () => {
    expect(validateProposalSet(set).ok).toBe(true);
    const digest = proposalDigest(set);
    expect(validateProposalsComputed(digest).ok).toBe(true);
    const [bundle] = digest.bundles;
    expect(bundle).not.toHaveProperty('eligibility');
    expect(bundle?.aids).toEqual([
      { schemeId: 'open', schemeName: 'Aide open', funder: 'departement', status: 'eligible', amount: set.bundles[0]?.eligibility.verdicts[0]?.amount, failing: [] },
      {
        schemeId: 'to-clarify',
        schemeName: 'Aide to-clarify',
        funder: 'departement',
        status: 'needs-information',
        amount: set.bundles[0]?.eligibility.verdicts[1]?.amount,
        failing: [{ criterion: 'on-call', code: 'on-call-unknown', outcome: 'unknown', message: 'Participation à la permanence des soins inconnue.' }],
      },
    ]);
    expect(bundle?.aidsNotOpen).toBe(2);
    expect(bundle?.bestCombination).toEqual({ schemeIds: ['open'], total: { amountCents: 500_000, currency: 'EUR' } });
    expect({ ...digest, bundles: [] }).toEqual({ ...set, bundles: [] });
  });

  it('carries the aids headline and the limits that play with the total, so no reader shows « 0 € » for open aids without an estimate', () => {
    const headline = { open: 1, toClarify: 1, retained: 1, unestimated: 1, title: '1 aide ouverte, 1 aide à préciser' };
    const limits = [{ code: 'state-housing-with-local-aid' as const, schemeIds: ['open'], binding: false, message: 'À vérifier auprès de l’ARS.' }];
    const [bundle] = set.bundles;
    const withHeadline = { ...set, bundles: [{ ...bundle!, eligibility: { ...bundle!.eligibility, bestCombination: { ...bundle!.eligibility.bestCombination, total: { amountCents: 0, currency: 'EUR' as const }, headline, limits } } }] };
    const digest = proposalDigest(withHeadline);
    expect(validateProposalsComputed(digest).ok).toBe(true);
    expect(digest.bundles[0]?.bestCombination).toEqual({ schemeIds: ['open'], total: { amountCents: 0, currency: 'EUR' }, headline, limits });
  });
});
