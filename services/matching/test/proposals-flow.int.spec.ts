import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validateProposalsComputed, type Offer, type ProposalsComputed } from '@guichet/contracts';
import { computeProposals } from '../src/application/matching/compute-proposals.js';
import { contextOf } from '../src/application/matching/matching-deps.js';
import { toMatchingRequest } from '../src/application/matching/matching-request.js';
import { proposalDigest } from '../src/domain/index.js';
import { bearer, eventually, housingInput, installationRequest, premisesInput, startRun, submitted, type TestRun } from './support.js';

const SUBMITTED = 'fr.sante.guichet.intake.request-submitted.v1';
const UPDATED = 'fr.sante.guichet.intake.request-updated.v1';
const COMPUTED = 'fr.sante.guichet.matching.proposals-computed.v1';

describe('proposals: request-submitted in, proposals-computed out', () => {
  let run: TestRun;
  const offers: Offer[] = [];

  beforeAll(async () => {
    run = await startRun('proposals');
    const publisher = await bearer('publisher.37');
    for (const input of [
      premisesInput('37072', { title: 'Cabinet dans la MSP de Chinon' }),
      premisesInput('37072', { title: 'Bureau trop cher', monthlyRent: { amountCents: 90_000, currency: 'EUR' } }),
      premisesInput('37063', { title: 'Cabinet de Château-Renault' }),
      premisesInput('37261', { title: 'Cabinet de Tours, trop loin' }),
      housingInput('37072', { title: 'Studio près du CH de Chinon' }),
    ]) {
      const res = await run.http.post('/v1/offers').set('Authorization', publisher).send(input);
      expect(res.status).toBe(201);
      offers.push(res.body as Offer);
    }
    await eventually(() => expect(offers.every((o) => run.running.deps.index.get(o.id))).toBe(true));
    // The offers re-match the open requests too: a re-match writing a request while a test's event
    // is decided on it makes that decision again, on the new revision (two sets for one update).
    await eventually(() => run.rematchCaughtUp());
  }, 180_000);
  afterAll(async () => {
    await run.stop();
  });

  const proposalsFor = (requestId: string) => run.tap.of(COMPUTED, (p) => p.requestId === requestId);

  it('computes up to three coherent bundles near the wished place and the internship site, with scores and aids explained', async () => {
    const requestId = randomUUID();
    await run.intake.publish(SUBMITTED, submitted(requestId));
    const [set] = await eventually(() => {
      const found = proposalsFor(requestId);
      expect(found).toHaveLength(1);
      return found;
    });
    const proposals = set!;
    expect(validateProposalsComputed(proposals).ok).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(proposals))).toBeLessThan(20_000);
    const stored = await run.running.deps.requests.proposals(proposals.proposalSetId);
    expect(stored).not.toBeNull();
    expect(proposals).toMatchObject({ requestId, requestVersion: 1, trigger: 'request-submitted', computedAt: '2026-10-01T09:00:00.000Z' });
    const byId = new Map(offers.map((o) => [o.id, o.details.title]));
    expect(proposals.bundles.length).toBeGreaterThanOrEqual(1);
    expect(proposals.bundles.length).toBeLessThanOrEqual(3);
    const titles = proposals.bundles.map((b) => byId.get(b.premisesOfferId ?? ''));
    expect(titles).toContain('Cabinet dans la MSP de Chinon');
    expect(titles).not.toContain('Bureau trop cher');
    expect(titles).not.toContain('Cabinet de Tours, trop loin');
    for (const bundle of proposals.bundles) {
      expect(byId.get(bundle.housingOfferId ?? '')).toBe('Studio près du CH de Chinon');
      expect(bundle.score.terms.map((t) => t.code)).toEqual(expect.arrayContaining(['premises-distance', 'premises-rent', 'housing-distance', 'housing-price']));
      expect(bundle.score.total).toBeCloseTo(bundle.score.terms.reduce((sum, t) => sum + t.contribution, 0), 1);
      // The full set kept by matching: every scheme that covers the bundle's commune, national ones included; no local aid of another territory.
      const full = stored!.bundles.find((b) => b.id === bundle.id)!;
      const commune = run.running.deps.communes.get(bundle.communeCode)!;
      const covering = run.running.deps.reference
        .snapshot()
        .catalogue.filter((scheme) => scheme.criteria.every((c) => c.kind !== 'territory' || (c.regions as readonly string[] | undefined)?.includes(commune.region) || c.departements?.includes(commune.departement) || c.communes?.includes(commune.insee)));
      expect(full.eligibility.verdicts.map((v) => v.schemeId).sort()).toEqual(covering.map((s) => s.id).sort());
      // An aid out of reach is explained by the criteria it fails, in the full set only.
      const outOfReach = full.eligibility.verdicts.filter((v) => v.status === 'not-eligible');
      for (const verdict of outOfReach) {
        expect(verdict.reasons.length).toBeGreaterThan(0);
        expect(verdict.reasons.every((r) => r.outcome === 'not-met')).toBe(true);
      }
      // The message: the aids the place opens or may open, each with what it still lacks.
      expect(bundle.aids.map((a) => a.schemeId)).toEqual(full.eligibility.verdicts.filter((v) => v.status !== 'not-eligible').map((v) => v.schemeId));
      for (const aid of bundle.aids) expect(aid.failing.every((r) => r.outcome !== 'unknown' || aid.status === 'needs-information')).toBe(true);
      expect(bundle.aidsNotOpen).toBe(outOfReach.length);
      expect(bundle.bestCombination.schemeIds).toEqual(full.eligibility.bestCombination.schemeIds);
      expect(bundle.explanation).toMatch(/^Proposition \d/);
    }
    expect(proposals.bundles.map((b) => b.rank)).toEqual(proposals.bundles.map((_, i) => i + 1));
  });

  it('gives the same output for the same input, ids included', async () => {
    const requestId = randomUUID();
    const eventId = await run.intake.publish(SUBMITTED, submitted(requestId));
    const [emitted] = await eventually(() => {
      const found = proposalsFor(requestId);
      expect(found).toHaveLength(1);
      return found;
    });
    const again = computeProposals(contextOf(run.running.deps), {
      requestId,
      requestVersion: 1,
      request: toMatchingRequest(installationRequest()),
      trigger: 'request-submitted',
      triggerEventId: eventId,
      at: '2026-10-01T09:00:00.000Z',
      excludedOfferIds: [],
    });
    expect(proposalDigest(again)).toEqual(emitted);
  });

  it('changes nothing for a duplicate event, and tells what changed after an update', async () => {
    const requestId = randomUUID();
    const event = submitted(requestId);
    const eventId = await run.intake.publish(SUBMITTED, event);
    await eventually(() => expect(proposalsFor(requestId)).toHaveLength(1));
    await run.intake.publish(SUBMITTED, event, eventId);
    const far = installationRequest({ targets: { communes: ['37063'], radiusKm: 5 } });
    await run.intake.publish(UPDATED, { requestId, candidateId: 'interne.demo', version: 2, updatedAt: '2026-10-02T09:00:00.000Z', territory: event.territory, changedFields: ['targets'], request: far });
    const sets: ProposalsComputed[] = await eventually(() => {
      const found = proposalsFor(requestId);
      expect(found.map((p) => p.trigger)).toEqual(['request-submitted', 'request-updated']);
      return found;
    });
    const updated = sets[1]!;
    expect(updated.requestVersion).toBe(2);
    expect(updated.changes?.[0]).toBe('Votre demande a été modifiée : les propositions ont été recalculées.');
    expect(updated.changes?.some((c) => c.includes("n'est plus proposée") || c.startsWith('Nouvelle proposition'))).toBe(true);
    expect(run.running.deps.index.get(updated.bundles[0]!.premisesOfferId!)?.offer.details.communeCode).toBe('37063');
  });

  it('explains an empty answer, and shows the latest proposals to the caseworkers of the case’s territory only', async () => {
    const requestId = randomUUID();
    const cheap = installationRequest({ needs: { premises: { surfaceM2Min: 15, maxMonthlyRent: { amountCents: 100, currency: 'EUR' }, availableFrom: '2027-05-01' } } });
    await run.intake.publish(SUBMITTED, submitted(requestId, cheap));
    const [set] = await eventually(() => {
      const found = proposalsFor(requestId);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(set!.bundles).toEqual([]);
    expect(set!.noBundleReason).toContain('Aucun local');
    expect(set!.noBundleReason).toContain('loyer au-dessus du budget');
    const ars = await run.http.get(`/v1/proposals/${requestId}`).set('Authorization', await bearer('ars.cvl'));
    expect(ars.status).toBe(200);
    expect(ars.body.proposalSetId).toBe(set!.proposalSetId);
    expect((await run.http.get(`/v1/proposals/${requestId}`).set('Authorization', await bearer('ars.idf'))).status).toBe(403);
    expect((await run.http.get(`/v1/proposals/${requestId}`).set('Authorization', await bearer('interne.demo'))).status).toBe(403);
  });
});
