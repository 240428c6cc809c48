import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Offer } from '@guichet/contracts';
import { connectMongo } from '@guichet/platform';
import { bearer, eventually, housingInput, premisesInput, startRun, submitted, type TestRun } from './support.js';

const COMPUTED = 'fr.sante.guichet.matching.proposals-computed.v1';

describe('the offer read model survives a restart by replaying catalogue.offers.v1', () => {
  let run: TestRun;

  beforeAll(async () => {
    run = await startRun('replay');
  }, 180_000);
  afterAll(async () => {
    await run.stop();
  });

  it('rebuilds every offer at its latest version, withdrawn ones gone, and matches against them after the restart', async () => {
    const publisher = await bearer('publisher.37');
    const post = async (input: ReturnType<typeof premisesInput>) => (await run.http.post('/v1/offers').set('Authorization', publisher).send(input)).body as Offer;
    const kept = await post(premisesInput('37072', { title: 'Cabinet gardé' }));
    const changed = await post(premisesInput('37072', { title: 'Cabinet modifié' }));
    const withdrawn = await post(premisesInput('37072', { title: 'Cabinet retiré' }));
    const housing = await post(housingInput('37072'));
    expect((await run.http.put(`/v1/offers/${changed.id}`).set('Authorization', publisher).set('If-Match', '"1"').send(premisesInput('37072', { title: 'Cabinet modifié, loyer baissé', monthlyRent: { amountCents: 30_000, currency: 'EUR' } }))).status).toBe(200);
    expect((await run.http.delete(`/v1/offers/${withdrawn.id}`).set('Authorization', publisher).set('If-Match', '"1"')).status).toBe(200);
    await eventually(() => {
      expect(run.running.deps.index.get(withdrawn.id)).toBeUndefined();
      expect(run.running.deps.index.version(changed.id)).toBe(2);
    });

    const restarted = await run.restart();
    expect(restarted.progress.caughtUp).toBe(true);
    const index = restarted.deps.index;
    expect(index.get(kept.id)?.offer.details.title).toBe('Cabinet gardé');
    expect(index.get(changed.id)?.offer).toMatchObject({ version: 2, details: { title: 'Cabinet modifié, loyer baissé' } });
    expect(index.get(withdrawn.id)).toBeUndefined();
    expect(index.get(housing.id)?.location).toEqual({ lat: expect.any(Number), lng: expect.any(Number) });
    expect(index.stats()).toMatchObject({ offers: 3, available: 3 });
    expect(index.around('premises', index.get(kept.id)!.location!, 1).map((o) => o.offer.id).sort()).toEqual([kept.id, changed.id].sort());

    const requestId = randomUUID();
    await run.intake.publish('fr.sante.guichet.intake.request-submitted.v1', submitted(requestId));
    await eventually(() => {
      const [set] = run.tap.of(COMPUTED, (p) => p.requestId === requestId);
      expect(set?.bundles.map((b) => b.premisesOfferId).sort()).toEqual([changed.id, kept.id].sort());
    });
  });

  it('publishes after a restart the proposals event a stop left stored but unpublished, with its set as stored', async () => {
    const requestId = randomUUID();
    await run.intake.publish('fr.sante.guichet.intake.request-submitted.v1', submitted(requestId));
    let published: { proposalSetId: string } | undefined;
    await eventually(() => {
      [published] = run.tap.of(COMPUTED, (p) => p.requestId === requestId);
      expect(published).toBeDefined();
    });
    // What a stop between the set's insert and the event's publication leaves: the set, and its event without data.
    const leftover = randomUUID();
    const mongo = await connectMongo({ uri: run.config.MONGODB_URI, dbName: run.config.MONGODB_DB });
    try {
      const entry = { id: leftover, type: COMPUTED, source: '/guichet/matching', subject: `requests/${requestId}`, time: new Date().toISOString(), key: requestId, data: { proposalSetId: published?.proposalSetId } };
      // Written long enough ago for the sweep of the restarted instance to take it.
      const at = new Date(Date.now() - 60_000).toISOString();
      await mongo.db.collection('outbox').insertOne({ _id: leftover as never, at, outbox: [entry] });
    } finally {
      await mongo.close();
    }
    await run.restart();
    await eventually(() => {
      const again = run.tap.messages.find((m) => m.id === leftover);
      expect(again?.data).toEqual(published);
    });
  });
});
