import { describe, expect, it } from '@jest/globals';
import { PLACES, premises } from '../../../test/offer-fixtures.js';
import { aidCatalogue } from '../../../test/reference-files.js';
import { emptyZoningTimeline } from '../../domain/index.js';
import { CommuneDirectory, OfferIndex } from '../../read-model/index.js';
import { computeProposals } from './compute-proposals.js';
import type { MatchingRequest } from './matching-request.js';

const communes = CommuneDirectory.shared();
const catalogue = aidCatalogue();
const request: MatchingRequest = {
  status: 'graduated-doctor',
  specialty: 'medecine-generale',
  targets: { communes: [PLACES.ligueil.communeCode], radiusKm: 30 },
  desiredInstallationDate: '2026-11-02',
  practice: { mode: 'msp', sector: '1', daysPerWeek: 4, coordinatedPractice: true, onCallParticipation: true },
  needs: { premises: { surfaceM2Min: 15, maxMonthlyRent: { amountCents: 80_000, currency: 'EUR' }, availableFrom: '2026-11-01' } },
};
const DEAR = '00000000-0000-4000-8000-000000000011';
const CHEAP = '00000000-0000-4000-8000-000000000012';

/** Premises in the target commune, by id and monthly rent: the cheaper, the better the bundle scores. */
function compute(offerIds: readonly [string, number][], previous?: ReturnType<typeof computeProposals>) {
  const offers = new OfferIndex({ locate: (code) => communes.location(code) });
  for (const [id, rent] of offerIds) offers.upsert(premises(id, PLACES.ligueil, { monthlyRent: { amountCents: rent, currency: 'EUR' } }).offer);
  return computeProposals(
    { offers, communes, reference: { catalogue, zoning: emptyZoningTimeline() } },
    { requestId: '00000000-0000-4000-8000-0000000000bb', requestVersion: 1, request, trigger: previous ? 'offer-changed' : 'request-submitted', triggerEventId: previous ? 'e-2' : 'e-1', at: '2026-10-01T09:00:00.000Z', ...(previous ? { previous } : {}) },
  );
}

describe('a better bundle after a re-matching: what the candidate is e-mailed about', () => {
  const first = compute([[DEAR, 79_000]]);

  it('a first computation is no improvement (its own e-mail says the proposals are ready)', () => {
    expect(first.bundles.length).toBe(1);
    expect(first).not.toHaveProperty('improvement');
  });

  it('cheaper premises published in the target commune beat the earlier best: the new bundle, its rank and both scores', () => {
    const next = compute([[DEAR, 79_000], [CHEAP, 20_000]], first);
    const best = next.bundles.find((b) => b.premisesOfferId === CHEAP)!;
    expect(best.score.total).toBeGreaterThan(first.bundles[0]!.score.total);
    expect(next.improvement).toEqual({ bundleId: best.id, rank: best.rank, score: best.score.total, previousBestScore: first.bundles[0]!.score.total });
  });

  it('the same offers computed again, or a new bundle worse than the best, are no improvement', () => {
    expect(compute([[DEAR, 79_000]], first)).not.toHaveProperty('improvement');
    const withNear = compute([[CHEAP, 20_000]]);
    expect(compute([[CHEAP, 20_000], [DEAR, 79_000]], withNear)).not.toHaveProperty('improvement');
  });

  it('bundles replacing an empty answer are an improvement', () => {
    const empty = compute([]);
    expect(empty.bundles).toEqual([]);
    expect(compute([[DEAR, 79_000]], empty).improvement).toMatchObject({ rank: 1, previousBestScore: 0 });
  });
});
