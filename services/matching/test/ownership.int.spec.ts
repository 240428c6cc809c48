import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AidScheme, Offer } from '@guichet/contracts';
import { localAid } from './aid-fixtures.js';
import { bearer, eventually, premisesInput, startRun, type TestRun } from './support.js';

// Organisations own what they publish, and act on the most precise territory of their token.
// publisher.37 (Tours Métropole) and hopital.37 (CHU de Tours) publish in Indre-et-Loire;
// mairie.37 (Chinon) and departement.37 are two collectivités of the same département.

const PUBLISHED = 'fr.sante.guichet.catalogue.offer-published.v1';
const UPDATED = 'fr.sante.guichet.catalogue.offer-updated.v1';
const WITHDRAWN = 'fr.sante.guichet.catalogue.offer-withdrawn.v1';
const SCHEME_CHANGED = 'fr.sante.guichet.catalogue.aid-scheme-changed.v1';

describe('organisations own what they publish, on their own territory', () => {
  let run: TestRun;

  beforeAll(async () => {
    run = await startRun('ownership');
  });

  afterAll(async () => {
    await run?.stop();
  });

  const expectRefused = (res: { status: number; headers: Record<string, string>; body: { detail?: string } }, status = 403) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
  };

  it('lets only the publishing organisation (or an admin) change or withdraw an offer', async () => {
    const published = await run.http.post('/v1/offers').set('Authorization', await bearer('hopital.37')).send(premisesInput('37261'));
    expect(published.status).toBe(201);
    const offer = published.body as Offer;
    expect(offer.publisherOrganisation).toBe('chu-tours');
    await eventually(() => expect(run.tap.of(PUBLISHED, (e) => e.offer.id === offer.id).map((e) => e.offer.publisherOrganisation)).toEqual(['chu-tours']));

    const other = await bearer('publisher.37');
    const edited = await run.http.put(`/v1/offers/${offer.id}`).set('Authorization', other).set('If-Match', '"1"').send(premisesInput('37261', { surfaceM2: 99 }));
    expectRefused(edited);
    expect(edited.body.detail).toContain('autre organisation');
    expectRefused(await run.http.delete(`/v1/offers/${offer.id}`).set('Authorization', other).set('If-Match', '"1"'));
    const unchanged = await run.http.get(`/v1/offers/${offer.id}`).set('Authorization', other);
    expect(unchanged.body).toMatchObject({ status: 'available', version: 1, details: { surfaceM2: 20 } });

    const owner = await bearer('hopital.37');
    const changed = await run.http.put(`/v1/offers/${offer.id}`).set('Authorization', owner).set('If-Match', '"1"').send(premisesInput('37261', { surfaceM2: 25 }));
    expect(changed.status).toBe(200);
    expect(changed.body.publisherOrganisation).toBe('chu-tours');
    const withdrawn = await run.http.delete(`/v1/offers/${offer.id}`).set('Authorization', await bearer('admin.demo')).set('If-Match', '"2"');
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', version: 3, publisherOrganisation: 'chu-tours' });
    await eventually(() => {
      expect(run.tap.of(UPDATED, (e) => e.offer.id === offer.id)).toHaveLength(1);
      expect(run.tap.of(WITHDRAWN, (e) => e.offerId === offer.id)).toHaveLength(1);
    });
  });

  it('lists as "mine" the offers of the caller’s organisation', async () => {
    const mine = await run.http.post('/v1/offers').set('Authorization', await bearer('publisher.37')).send(premisesInput('37072'));
    const theirs = await run.http.post('/v1/offers').set('Authorization', await bearer('hopital.37')).send(premisesInput('37072'));
    const listed = await run.http.get('/v1/offers?mine=true&limit=200').set('Authorization', await bearer('publisher.37'));
    const ids = (listed.body.items as Offer[]).map((o) => o.id);
    expect(ids).toContain(mine.body.id);
    expect(ids).not.toContain(theirs.body.id);
  });

  it('keeps a publisher of the 37 in the 37: no offer in the 41 or the 18 of the same région', async () => {
    const publisher = await bearer('publisher.37');
    for (const commune of ['41018', '18033']) {
      const res = await run.http.post('/v1/offers').set('Authorization', publisher).send(premisesInput(commune));
      expectRefused(res);
      expect(res.body.detail).toContain('hors de votre territoire');
    }
    const csv = 'title,premisesType,communeCode,surfaceM2,monthlyRent.amountCents,availableFrom\nCabinet à Blois,msp-room,41018,20,40000,2027-03-01\n';
    const imported = await run.http.post('/v1/offers/import?kind=premises').set('Authorization', publisher).set('Content-Type', 'text/csv').send(csv);
    expect(imported.body).toMatchObject({ acceptedCount: 0, rejectedCount: 1, rows: [{ status: 'rejected', errors: [{ field: 'communeCode' }] }] });
    const listed = await run.http.get('/v1/offers?limit=200').set('Authorization', await bearer('admin.demo'));
    expect((listed.body.items as Offer[]).filter((o) => o.territory.departements.some((d) => d === '41' || d === '18'))).toEqual([]);
  });

  it('shows a CPAM of the 37 the offers of the 37 only, an ARS of the région those of every département', async () => {
    const admin = await bearer('admin.demo');
    const blois = await run.http.post('/v1/offers').set('Authorization', admin).send(premisesInput('41018'));
    expect(blois.status).toBe(201);
    const departementsSeenBy = async (user: string) =>
      new Set(((await run.http.get('/v1/offers?limit=200').set('Authorization', await bearer(user))).body.items as Offer[]).flatMap((o) => o.territory.departements));
    expect([...(await departementsSeenBy('cpam.37'))]).toEqual(['37']);
    expect(await departementsSeenBy('ars.cvl')).toEqual(new Set(['37', '41']));
    expect((await run.http.get(`/v1/offers/${blois.body.id}`).set('Authorization', await bearer('cpam.37'))).status).toBe(403);
  });

  it('lets only the collectivité that created an aid publish its new versions; the organisation comes from the token', async () => {
    const departement = await bearer('departement.37');
    const created = await run.http
      .post('/v1/aid-schemes')
      .set('Authorization', departement)
      .send(localAid('aide-departement-indre-et-loire', 'departement', [{ departements: ['37'] }], { publisherOrganisation: 'commune-chinon' }));
    expect(created.status).toBe(201);
    expect((created.body as AidScheme).publisherOrganisation).toBe('departement-37');

    const mairie = await bearer('mairie.37');
    const hijacked = await run.http
      .post('/v1/aid-schemes/aide-departement-indre-et-loire/versions')
      .set('Authorization', mairie)
      .set('If-Match', '"1"')
      .send(localAid('aide-departement-indre-et-loire', 'departement', [{ departements: ['37'] }], { name: 'Prime détournée' }));
    expectRefused(hijacked);
    expect(hijacked.body.detail).toContain('autre organisation');
    const versions = await run.http.get('/v1/aid-schemes/aide-departement-indre-et-loire/versions');
    expect(versions.body.items.map((s: AidScheme) => [s.version, s.name])).toEqual([[1, 'Prime locale à l’installation des médecins']]);

    const updated = await run.http
      .post('/v1/aid-schemes/aide-departement-indre-et-loire/versions')
      .set('Authorization', departement)
      .set('If-Match', '"1"')
      .send({ ...created.body, name: 'Prime du département', publisherOrganisation: 'commune-chinon' });
    expect(updated.status).toBe(201);
    expect(updated.body).toMatchObject({ version: 2, publisherOrganisation: 'departement-37' });
    await eventually(() =>
      expect(run.tap.of(SCHEME_CHANGED, (e) => e.schemeId === 'aide-departement-indre-et-loire').map((e) => [e.version, e.scheme.publisherOrganisation])).toEqual([
        [1, 'departement-37'],
        [2, 'departement-37'],
      ]),
    );
  });

  it('checks every territory of an aid, not the first one only, and keeps nothing refused', async () => {
    const departement = await bearer('departement.37');
    const twoCriteria = await run.http.post('/v1/aid-schemes').set('Authorization', departement).send(localAid('aide-37-puis-41', 'departement', [{ departements: ['37'] }, { departements: ['41'] }]));
    expectRefused(twoCriteria);
    const twoPlaces = await run.http.post('/v1/aid-schemes').set('Authorization', departement).send(localAid('aide-37-et-41', 'departement', [{ departements: ['37', '41'] }]));
    expectRefused(twoPlaces);
    const wholeRegion = await run.http.post('/v1/aid-schemes').set('Authorization', departement).send(localAid('aide-region-24', 'departement', [{ regions: ['24'] }]));
    expectRefused(wholeRegion);
    for (const id of ['aide-37-puis-41', 'aide-37-et-41', 'aide-region-24']) expect((await run.http.get(`/v1/aid-schemes/${id}`)).status).toBe(404);

    const own = await run.http.post('/v1/aid-schemes').set('Authorization', departement).send(localAid('aide-37-seule', 'departement', [{ departements: ['37'] }]));
    expect(own.status).toBe(201);
    const widened = await run.http
      .post('/v1/aid-schemes/aide-37-seule/versions')
      .set('Authorization', departement)
      .set('If-Match', '"1"')
      .send(localAid('aide-37-seule', 'departement', [{ departements: ['37'] }, { communes: ['41018'] }]));
    expectRefused(widened);
    expect((await run.http.get('/v1/aid-schemes/aide-37-seule')).body.version).toBe(1);
  });
});
