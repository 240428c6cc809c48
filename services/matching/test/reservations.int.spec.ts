import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BundleAccepted, Offer, ProposalsComputed } from '@guichet/contracts';
import { reserveBundle } from '../src/application/matching/reserve-bundle.js';
import { bearer, eventually, housingInput, installationRequest, premisesInput, startRun, submitted, type TestRun } from './support.js';

const SUBMITTED = 'fr.sante.guichet.intake.request-submitted.v1';
const ACCEPTED = 'fr.sante.guichet.intake.bundle-accepted.v1';
const WITHDRAWN = 'fr.sante.guichet.intake.request-withdrawn.v1';
const COMPUTED = 'fr.sante.guichet.matching.proposals-computed.v1';
const CONFIRMED = 'fr.sante.guichet.matching.reservation-confirmed.v1';
const REJECTED = 'fr.sante.guichet.matching.reservation-rejected.v1';
const RESERVED = 'fr.sante.guichet.catalogue.offer-reserved.v1';
const RELEASED = 'fr.sante.guichet.catalogue.offer-released.v1';

const acceptance = (requestId: string, set: ProposalsComputed, bundleIndex = 0): BundleAccepted => {
  const bundle = set.bundles[bundleIndex]!;
  return {
    requestId,
    candidateId: 'interne.demo',
    version: 3,
    proposalSetId: set.proposalSetId,
    bundleId: bundle.id,
    offerIds: [bundle.premisesOfferId, bundle.housingOfferId, bundle.jobOfferId].filter((id): id is string => id !== undefined),
    acceptedAt: '2026-10-05T10:00:00.000Z',
    territory: { regions: ['24'], departements: ['37'] },
  };
};

describe('reservations of accepted bundles (real FerretDB)', () => {
  let run: TestRun;
  const publish = async (input: ReturnType<typeof premisesInput>): Promise<Offer> => {
    const res = await run.http.post('/v1/offers').set('Authorization', await bearer('publisher.37')).send(input);
    expect(res.status).toBe(201);
    return res.body as Offer;
  };

  beforeAll(async () => {
    run = await startRun('reservations');
  }, 180_000);
  afterAll(async () => {
    await run.stop();
  });

  it('lets exactly one of 50 concurrent acceptances of the same bed win', async () => {
    const bed = await publish(housingInput('37072', { title: 'Le seul lit de Chinon' }));
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        reserveBundle(run.running.deps, randomUUID(), {
          requestId: randomUUID(),
          candidateId: `interne-${i}`,
          version: 2,
          proposalSetId: randomUUID(),
          bundleId: randomUUID(),
          offerIds: [bed.id],
          acceptedAt: '2026-10-05T10:00:00.000Z',
          territory: { regions: ['24'], departements: ['37'] },
        }),
      ),
    );
    expect(outcomes.filter((o) => o === 'confirmed')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'rejected')).toHaveLength(49);
    const stored = await run.running.deps.offers.get(bed.id);
    expect(stored).toMatchObject({ status: 'reserved', version: 2 });
    await eventually(() => {
      expect(run.tap.of(RESERVED, (e) => e.offerId === bed.id)).toHaveLength(1);
      expect(run.tap.of(CONFIRMED, (e) => e.offerIds.includes(bed.id))).toHaveLength(1);
      expect(run.tap.of(REJECTED, (e) => e.unavailableOfferIds.includes(bed.id))).toHaveLength(49);
    });
    expect(run.tap.of(CONFIRMED, (e) => e.offerIds.includes(bed.id))[0]?.requestId).toBe(stored?.reservedFor?.requestId);
  });

  it('gives a housing of two beds to exactly two of three concurrent acceptances; the third gets reservation-rejected and fresh proposals', async () => {
    const flat = await publish(housingInput('37072', { title: 'Colocation de deux lits à Chinon', beds: 2, monthlyPrice: { amountCents: 5_000, currency: 'EUR' } }));
    expect(flat).toMatchObject({ status: 'available', bedsAvailable: 2 });
    await eventually(() => expect(run.running.deps.index.get(flat.id)).toBeDefined());
    const housingOnly = installationRequest({ needs: { housing: { from: '2026-11-02', until: '2027-04-30', maxMonthlyRent: { amountCents: 40_000, currency: 'EUR' }, people: 1 } } });
    const requests = [randomUUID(), randomUUID(), randomUUID()];
    for (const requestId of requests) await run.intake.publish(SUBMITTED, submitted(requestId, housingOnly));
    const sets = await eventually(() =>
      requests.map((requestId) => {
        const [set] = run.tap.of(COMPUTED, (p) => p.requestId === requestId);
        expect(set?.bundles.some((b) => b.housingOfferId === flat.id)).toBe(true);
        return set!;
      }),
    );

    const outcomes = await Promise.all(
      requests.map((requestId, i) => {
        const set = sets[i]!;
        return reserveBundle(run.running.deps, randomUUID(), acceptance(requestId, set, set.bundles.findIndex((b) => b.housingOfferId === flat.id)));
      }),
    );
    expect(outcomes.filter((o) => o === 'confirmed')).toHaveLength(2);
    expect(outcomes.filter((o) => o === 'rejected')).toHaveLength(1);
    const winners = requests.filter((_, i) => outcomes[i] === 'confirmed').sort();
    const loser = requests[outcomes.indexOf('rejected')]!;
    const stored = await run.running.deps.offers.get(flat.id);
    expect(stored).toMatchObject({ status: 'reserved', bedsAvailable: 0 });
    expect(stored?.reservations?.map((r) => r.requestId).sort()).toEqual(winners);
    await eventually(() => {
      expect(run.tap.of(RESERVED, (e) => e.offerId === flat.id).map((e) => e.requestId).sort()).toEqual(winners);
      expect(run.tap.of(REJECTED, (e) => e.requestId === loser)[0]?.unavailableOfferIds).toEqual([flat.id]);
      const fresh = run.tap.of(COMPUTED, (p) => p.requestId === loser && p.trigger === 'reservation-rejected');
      expect(fresh).toHaveLength(1);
      expect(fresh[0]!.bundles.every((b) => b.housingOfferId !== flat.id)).toBe(true);
      expect(run.running.deps.index.get(flat.id)?.offer).toMatchObject({ status: 'reserved', bedsAvailable: 0 });
    });

    await run.intake.publish(WITHDRAWN, { requestId: winners[0]!, candidateId: 'interne.demo', version: 4, withdrawnAt: '2026-10-06T10:00:00.000Z', territory: { regions: ['24'], departements: ['37'] } });
    await eventually(() => expect(run.tap.of(RELEASED, (e) => e.offerId === flat.id && e.requestId === winners[0])).toHaveLength(1));
    expect(await run.running.deps.offers.get(flat.id)).toMatchObject({ status: 'available', bedsAvailable: 1, reservations: [{ requestId: winners[1] }] });
  });

  it('reserves every offer of an accepted bundle; a second candidate gets reservation-rejected, the other offers released, and fresh proposals', async () => {
    const premises = await publish(premisesInput('37072', { title: 'Cabinet MSP Chinon' }));
    const otherPremises = await publish(premisesInput('37072', { title: 'Autre cabinet à Chinon', monthlyRent: { amountCents: 45_000, currency: 'EUR' } }));
    const housing = await publish(housingInput('37072', { title: 'Studio CH Chinon' }));
    await eventually(() => expect([premises, otherPremises, housing].every((o) => run.running.deps.index.get(o.id))).toBe(true));

    const first = randomUUID();
    const second = randomUUID();
    await run.intake.publish(SUBMITTED, submitted(first));
    await run.intake.publish(SUBMITTED, submitted(second));
    const proposals = (id: string) => run.tap.of(COMPUTED, (p) => p.requestId === id);
    const firstSet = await eventually(() => {
      const [set] = proposals(first);
      expect(set?.bundles.some((b) => b.housingOfferId === housing.id)).toBe(true);
      return set!;
    });
    const secondSet = await eventually(() => {
      const [set] = proposals(second);
      expect(set?.bundles.length).toBeGreaterThan(0);
      return set!;
    });
    const winning = firstSet.bundles.findIndex((b) => b.housingOfferId === housing.id && b.premisesOfferId === premises.id);
    await run.intake.publish(ACCEPTED, acceptance(first, firstSet, Math.max(0, winning)));
    const won = await eventually(() => {
      const [confirmed] = run.tap.of(CONFIRMED, (e) => e.requestId === first);
      expect(confirmed).toBeDefined();
      return confirmed!;
    });
    expect(won.offerIds).toContain(housing.id);
    expect((await run.running.deps.offers.get(housing.id))?.reservedFor?.requestId).toBe(first);

    const clash = secondSet.bundles.findIndex((b) => b.housingOfferId === housing.id && b.premisesOfferId !== undefined && !won.offerIds.includes(b.premisesOfferId));
    const secondAcceptance = clash >= 0 ? acceptance(second, secondSet, clash) : { ...acceptance(second, secondSet), offerIds: [otherPremises.id, housing.id] };
    await run.intake.publish(ACCEPTED, secondAcceptance);
    const rejected = await eventually(() => {
      const [event] = run.tap.of(REJECTED, (e) => e.requestId === second);
      expect(event).toBeDefined();
      return event!;
    });
    expect(rejected.unavailableOfferIds).toEqual([housing.id]);
    expect(rejected.releasedOfferIds.length).toBe(1);
    expect(rejected.reason).toContain("n'était plus disponible");
    await eventually(() => {
      const fresh = proposals(second).find((p) => p.trigger === 'reservation-rejected');
      expect(fresh).toBeDefined();
      expect(fresh!.bundles.every((b) => b.housingOfferId !== housing.id)).toBe(true);
      expect(run.tap.of(RELEASED, (e) => e.offerId === rejected.releasedOfferIds[0] && e.reason === 'reservation-rejected')).toHaveLength(1);
    });
    expect((await run.running.deps.offers.get(rejected.releasedOfferIds[0]!))?.status).toBe('available');
  });

  it('releases the offers of a withdrawn request and leaves a redelivered acceptance without effect', async () => {
    const housing = await publish(housingInput('37072', { title: 'Studio rendu au catalogue' }));
    await eventually(() => expect(run.running.deps.index.get(housing.id)).toBeDefined());
    const requestId = randomUUID();
    await run.intake.publish(SUBMITTED, submitted(requestId, installationRequest({ needs: { housing: { from: '2026-11-02', until: '2027-04-30', maxMonthlyRent: { amountCents: 40_000, currency: 'EUR' }, people: 1 } } })));
    const set = await eventually(() => {
      const [found] = run.tap.of(COMPUTED, (p) => p.requestId === requestId);
      expect(found?.bundles.length).toBeGreaterThan(0);
      return found!;
    });
    const accepted = { ...acceptance(requestId, set), offerIds: [housing.id] };
    const eventId = await run.intake.publish(ACCEPTED, accepted);
    await run.intake.publish(ACCEPTED, accepted, eventId);
    await run.intake.publish(WITHDRAWN, { requestId, candidateId: 'interne.demo', version: 4, withdrawnAt: '2026-10-06T10:00:00.000Z', territory: accepted.territory });
    await eventually(() => expect(run.tap.of(RELEASED, (e) => e.offerId === housing.id && e.reason === 'request-withdrawn')).toHaveLength(1));
    expect(run.tap.of(CONFIRMED, (e) => e.requestId === requestId)).toHaveLength(1);
    expect(run.tap.of(RESERVED, (e) => e.offerId === housing.id)).toHaveLength(1);
    expect((await run.running.deps.offers.get(housing.id))?.status).toBe('available');
  });
});
