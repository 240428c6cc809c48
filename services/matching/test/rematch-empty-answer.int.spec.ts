import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Offer, ProposalSet, ProposalsComputed } from '@guichet/contracts';
import type { RematchReport } from '../src/application/matching/rematch.js';
import { bearer, eventually, installationRequest, premisesInput, startRun, submitted, type TestRun } from './support.js';

const SUBMITTED = 'fr.sante.guichet.intake.request-submitted.v1';
const COMPUTED = 'fr.sante.guichet.matching.proposals-computed.v1';
const ZONING_CHANGED = 'fr.sante.guichet.catalogue.zoning-changed.v1';
const SCHEME_CHANGED = 'fr.sante.guichet.catalogue.aid-scheme-changed.v1';

/** The set a consumer of the proposals keeps, as intake does: the one computed last (ids break ties). */
function keptOf(sets: readonly ProposalsComputed[]): ProposalsComputed | undefined {
  return [...sets].sort((a, b) => Date.parse(a.computedAt) - Date.parse(b.computedAt) || (a.proposalSetId < b.proposalSetId ? -1 : 1)).at(-1);
}

/** A doctor who wants premises in Chinon only, in a catalogue that has none there yet. */
const request = installationRequest({
  targets: { communes: ['37072'], radiusKm: 10 },
  needs: { premises: { premisesTypes: ['msp-room'], surfaceM2Min: 15, maxMonthlyRent: { amountCents: 60_000, currency: 'EUR' }, availableFrom: '2027-05-01' } },
});

describe('re-matching replaces an empty answer when an offer comes in', () => {
  let run: TestRun;
  const reports = new Map<string, RematchReport>();

  beforeAll(async () => {
    run = await startRun('rematch-empty', {}, { onRematch: (eventId, report) => reports.set(eventId, report) });
    // The run's re-matching reads its streams from the start: let it go through the seeding first.
    await eventually(() => {
      const reference = run.tap.messages.filter((m) => m.type === SCHEME_CHANGED || m.type === ZONING_CHANGED);
      expect(reference.length).toBeGreaterThan(60);
      expect(reference.every((m) => reports.has(m.id))).toBe(true);
    }, 120_000);
  }, 180_000);
  afterAll(async () => {
    await run.stop();
  });

  it('gives the candidate and the caseworkers bundles with the new offer, even one stamped before the request came in', async () => {
    const requestId = randomUUID();
    // The request is stamped after the offer published below, as when re-matching is still taking
    // in offers published before the request came in, or when intake's clock runs ahead.
    const submittedAt = new Date(Date.now() + 10 * 60_000).toISOString();
    await run.intake.publish(SUBMITTED, { ...submitted(requestId, request), submittedAt });
    const [empty] = await eventually(() => {
      const sets = run.tap.of(COMPUTED, (p) => p.requestId === requestId);
      expect(sets).toHaveLength(1);
      return sets;
    });
    expect(empty!.bundles).toEqual([]);
    expect(empty!.noBundleReason).toContain('Aucun local');

    const res = await run.http.post('/v1/offers').set('Authorization', await bearer('publisher.37')).send(premisesInput('37072', { title: 'Cabinet ouvert à Chinon' }));
    expect(res.status).toBe(201);
    const offer = res.body as Offer;

    const kept = await eventually(() => {
      const set = keptOf(run.tap.of(COMPUTED, (p) => p.requestId === requestId));
      expect(set?.bundles.map((b) => b.premisesOfferId)).toContain(offer.id);
      return set!;
    }, 30_000);
    expect(Date.parse(kept.computedAt)).toBeGreaterThan(Date.parse(empty!.computedAt));
    expect(kept.changes?.[0]).toBe('Nouvelle offre : « Cabinet ouvert à Chinon » à Chinon.');
    // Bundles replacing an empty answer are news: the candidate is e-mailed about the best new one.
    expect(kept.improvement).toMatchObject({ rank: 1, previousBestScore: 0 });
    expect(kept.bundles.map((b) => b.id)).toContain(kept.improvement?.bundleId);
    const seen = await run.http.get(`/v1/proposals/${requestId}`).set('Authorization', await bearer('ars.cvl'));
    expect(seen.status).toBe(200);
    expect((seen.body as ProposalSet).proposalSetId).toBe(kept.proposalSetId);
  });
});
