import { describe, expect, it } from '@jest/globals';
import { BSON } from 'mongodb';
import { PLACES, premises } from '../../../test/offer-fixtures.js';
import { aidCatalogue } from '../../../test/reference-files.js';
import { EligibilityCache } from '../../application/eligibility-cache.js';
import { computeProposals, type MatchingContext } from '../../application/matching/compute-proposals.js';
import type { MatchingRequest } from '../../application/matching/matching-request.js';
import { emptyZoningTimeline } from '../../domain/index.js';
import { CommuneDirectory, OfferIndex } from '../../read-model/index.js';
import { packProposalSet, unpackProposalSet, type PackedProposalSet } from './packed-proposal-set.js';

const communes = CommuneDirectory.shared();
const offers = new OfferIndex({ locate: (code) => communes.location(code) });
offers.upsert(premises('00000000-0000-4000-8000-000000000001', PLACES.ligueil).offer);
offers.upsert(premises('00000000-0000-4000-8000-000000000002', PLACES.ligueil, { surfaceM2: 40 }).offer);
offers.upsert(premises('00000000-0000-4000-8000-000000000003', PLACES.loches).offer);
const ctx: MatchingContext = { offers, communes, reference: { catalogue: aidCatalogue(), zoning: emptyZoningTimeline() }, eligibility: new EligibilityCache() };

const request: MatchingRequest = {
  status: 'graduated-doctor',
  specialty: 'medecine-generale',
  targets: { communes: [PLACES.ligueil.communeCode], radiusKm: 30 },
  desiredInstallationDate: '2026-11-02',
  practice: { mode: 'msp', sector: '1', daysPerWeek: 4, coordinatedPractice: true, onCallParticipation: true },
  needs: { premises: { surfaceM2Min: 15, maxMonthlyRent: { amountCents: 80_000, currency: 'EUR' }, availableFrom: '2026-11-01' } },
};

const computed = (requestId: string) =>
  computeProposals(ctx, { requestId, requestVersion: 1, request, trigger: 'request-submitted', triggerEventId: 'e-1', at: '2026-10-01T09:00:00.000Z' });

/** Through BSON, as the document is written and read back. */
const stored = (packed: PackedProposalSet): PackedProposalSet => BSON.deserialize(BSON.serialize(packed), { promoteBuffers: false }) as PackedProposalSet;

describe('a proposal set as stored', () => {
  const set = computed('00000000-0000-4000-8000-0000000000aa');

  it('reads back as the set computed, every verdict of every bundle with its reasons', () => {
    expect(set.bundles.length).toBeGreaterThanOrEqual(2);
    expect(set.bundles.every((b) => b.eligibility.verdicts.length > 0)).toBe(true);
    expect(unpackProposalSet(stored(packProposalSet(set)))).toEqual(set);
  });

  it('keeps the eligibility of bundles in one commune once', () => {
    const packed = packProposalSet(set);
    expect(new Set(set.bundles.map((b) => b.communeCode)).size).toBeLessThan(set.bundles.length);
    expect(packed.eligibility).toHaveLength(new Set(set.bundles.map((b) => b.communeCode)).size);
    expect(packed.bundleEligibility).toHaveLength(set.bundles.length);
  });

  it('deflates an eligibility result once, whichever sets carry it', () => {
    const other = computed('00000000-0000-4000-8000-0000000000bb');
    expect(other.bundles[0]?.eligibility).toBe(set.bundles[0]?.eligibility);
    expect(packProposalSet(other).eligibility[0]).toBe(packProposalSet(set).eligibility[0]);
  });
});
