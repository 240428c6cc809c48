import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AidScheme, Offer } from '@guichet/contracts';
import type { RematchReport } from '../src/application/matching/rematch.js';
import { bearer, eventually, housingInput, installationRequest, premisesInput, startRun, submitted, type TestRun } from './support.js';

const SUBMITTED = 'fr.sante.guichet.intake.request-submitted.v1';
const COMPUTED = 'fr.sante.guichet.matching.proposals-computed.v1';
const PUBLISHED = 'fr.sante.guichet.catalogue.offer-published.v1';
const ZONING_CHANGED = 'fr.sante.guichet.catalogue.zoning-changed.v1';
const SCHEME_CHANGED = 'fr.sante.guichet.catalogue.aid-scheme-changed.v1';

/** Three open requests: two around Chinon (Indre-et-Loire), one around Bourges (Cher), 150 km away. */
const chinon = installationRequest();
const chinonWide = installationRequest({ targets: { communes: ['37072'], radiusKm: 25 } });
const bourges = installationRequest({
  internship: { communeCode: '18033', hospitalName: 'Centre hospitalier Jacques-Cœur', startDate: '2026-11-02', endDate: '2027-04-30', ambulatory: false },
  targets: { communes: ['18033'], radiusKm: 20 },
});

describe('incremental re-matching: only the open requests a change can touch are recomputed', () => {
  let run: TestRun;
  const reports = new Map<string, RematchReport>();
  const ids = { chinon: randomUUID(), chinonWide: randomUUID(), bourges: randomUUID() };
  const recomputations = async () =>
    Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([name, id]) => [name, (await run.running.deps.requests.get(id))?.recomputations ?? 0] as const)));
  /** The report of the re-matching caused by the event the tap saw first matching `where`. */
  const reportOf = (type: string, where: (data: Record<string, unknown>) => boolean) =>
    eventually(() => {
      const event = run.tap.messages.find((m) => m.type === type && where(m.data));
      const report = event ? reports.get(event.id) : undefined;
      expect(report).toBeDefined();
      return report!;
    });

  beforeAll(async () => {
    run = await startRun('rematch', {}, { onRematch: (eventId, report) => reports.set(eventId, report) });
    await run.http.post('/v1/offers').set('Authorization', await bearer('publisher.37')).send(housingInput('37072'));
    // The run's re-matching reads its streams from the start: let it go through the seeding first.
    await eventually(() => {
      const reference = run.tap.messages.filter((m) => m.type === SCHEME_CHANGED || m.type === ZONING_CHANGED || m.type === PUBLISHED);
      expect(reference.length).toBeGreaterThan(60);
      expect(reference.every((m) => reports.has(m.id))).toBe(true);
    }, 120_000);
    await run.intake.publish(SUBMITTED, submitted(ids.chinon, chinon));
    await run.intake.publish(SUBMITTED, submitted(ids.chinonWide, chinonWide));
    await run.intake.publish(SUBMITTED, { ...submitted(ids.bourges, bourges), territory: { regions: ['24'], departements: ['18'], communes: ['18033'] } });
    await eventually(async () => expect(await recomputations()).toEqual({ chinon: 1, chinonWide: 1, bourges: 1 }));
  }, 180_000);
  afterAll(async () => {
    await run.stop();
  });

  it('recomputes the two requests near a new offer, not the one 150 km away, and tells them what changed', async () => {
    const res = await run.http.post('/v1/offers').set('Authorization', await bearer('publisher.37')).send(premisesInput('37072', { title: 'Nouveau cabinet à Chinon' }));
    const offer = res.body as Offer;
    const report = await reportOf(PUBLISHED, (d) => (d['offer'] as Offer).id === offer.id);
    expect(report.recomputed).toBe(2);
    expect(await recomputations()).toEqual({ chinon: 2, chinonWide: 2, bourges: 1 });
    await eventually(() => {
      const sets = run.tap.of(COMPUTED, (p) => p.trigger === 'offer-changed' && p.bundles.some((b) => b.premisesOfferId === offer.id));
      expect(sets.map((p) => p.requestId).sort()).toEqual([ids.chinon, ids.chinonWide].sort());
      expect(sets.every((p) => p.changes?.[0] === 'Nouvelle offre : « Nouveau cabinet à Chinon » à Chinon.')).toBe(true);
    });
  });

  it('recomputes only the request whose places a zoning change touches', async () => {
    const res = await run.http
      .post('/v1/zoning/import?regionCode=24&arreteReference=Arr%C3%AAt%C3%A9%20Cher%202026')
      .set('Authorization', await bearer('ars.cvl'))
      .set('Content-Type', 'text/csv')
      .send('communeCode,zone,effectiveFrom\n18033,zip,2026-09-01\n');
    expect(res.body.acceptedCount).toBe(1);
    const report = await reportOf(ZONING_CHANGED, (d) => d['importId'] === res.body.importId);
    expect(report.recomputed).toBe(1);
    expect(await recomputations()).toEqual({ chinon: 2, chinonWide: 2, bourges: 2 });
  });

  it('recomputes only the requests whose aids a new local scheme changes', async () => {
    const scheme: AidScheme = {
      id: 'bourse-installation-chinonais',
      version: 1,
      name: 'Bourse d’installation du Chinonais',
      acronym: null,
      funder: 'commune',
      kind: 'lump-sum',
      category: 'installation',
      beneficiary: 'professional',
      dateBasis: 'installation',
      validFrom: null,
      validUntil: null,
      commitmentYears: null,
      criteria: [
        { kind: 'audience', statuses: ['intern', 'junior-doctor', 'doctor'] },
        { kind: 'project', projects: ['installation'] },
        { kind: 'territory', departements: ['37'] },
      ],
      amount: { nature: 'grant', payments: [{ period: 'once', amount: { amountCents: 300_000, currency: 'EUR' }, upTo: false }], paidOver: 'commitment', note: 'Versée à l’installation.' },
      notCumulableWith: [],
      exclusiveGroups: [],
      confidence: 'stated',
    };
    expect((await run.http.post('/v1/aid-schemes').set('Authorization', await bearer('mairie.37')).send(scheme)).status).toBe(201);
    const report = await reportOf(SCHEME_CHANGED, (d) => d['schemeId'] === scheme.id);
    expect(report.recomputed).toBe(2);
    expect(await recomputations()).toEqual({ chinon: 3, chinonWide: 3, bourges: 2 });
    await eventually(() =>
      expect(run.tap.of(COMPUTED, (p) => p.trigger === 'aid-scheme-changed').every((p) => p.changes?.[0]?.startsWith('Dispositif « Bourse d’installation du Chinonais » ajouté'))).toBe(true),
    );
  });
});
