import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validateImportReport, validateOffer, validateOfferPage, type ImportReport, type Offer } from '@guichet/contracts';
import { bearer, eventually, housingInput, premisesInput, startRun, type TestRun } from './support.js';

const PUBLISHED = 'fr.sante.guichet.catalogue.offer-published.v1';
const UPDATED = 'fr.sante.guichet.catalogue.offer-updated.v1';
const WITHDRAWN = 'fr.sante.guichet.catalogue.offer-withdrawn.v1';

describe('offer catalogue API (real Keycloak, FerretDB, Kafka)', () => {
  let run: TestRun;
  let publisher: string;

  beforeAll(async () => {
    run = await startRun('offers');
    publisher = await bearer('publisher.37');
  }, 180_000);
  afterAll(async () => {
    await run.stop();
  });

  const count = async () => (await run.http.get('/v1/offers?limit=200').set('Authorization', publisher)).body.items.length as number;

  it('publishes an offer of the publisher’s territory, answers it with its version, and emits offer-published', async () => {
    const res = await run.http.post('/v1/offers').set('Authorization', publisher).send(premisesInput('37072'));
    expect(res.status).toBe(201);
    expect(res.headers['etag']).toBe('"1"');
    expect(res.headers['location']).toBe(`/v1/offers/${res.body.id}`);
    const offer = res.body as Offer;
    expect(validateOffer(offer).ok).toBe(true);
    expect(offer).toMatchObject({ kind: 'premises', status: 'available', version: 1, territory: { regions: ['24'], departements: ['37'], communes: ['37072'] } });
    await eventually(() => expect(run.tap.of(PUBLISHED, (e) => e.offer.id === offer.id)).toEqual([{ offer }]));
    const key = run.tap.messages.find((m) => m.type === PUBLISHED && (m.data['offer'] as Offer).id === offer.id)?.key;
    expect(key).toBe(offer.id);
  });

  it('refuses an offer outside the publisher’s territory (403) and stores nothing', async () => {
    const before = await count();
    const res = await run.http.post('/v1/offers').set('Authorization', publisher).send(premisesInput('35238'));
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toContain('hors de votre territoire');
    expect(await count()).toBe(before);
  });

  it('answers invalid input with French field errors (400) and stores nothing', async () => {
    const before = await count();
    const res = await run.http
      .post('/v1/offers')
      .set('Authorization', publisher)
      .send(housingInput('99999', { beds: 0, availablePeriods: [{ from: '2027-06-30', until: '2026-10-01' }], pets: true }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([{ field: 'details.beds', detail: 'doit être supérieur ou égal à 1' }, { field: 'details.pets', detail: 'champ inconnu' }]));
    const domain = await run.http.post('/v1/offers').set('Authorization', publisher).send(housingInput('99999', { availablePeriods: [{ from: '2027-06-30', until: '2026-10-01' }] }));
    expect(domain.status).toBe(400);
    expect(domain.body.errors).toEqual([
      { field: 'details.communeCode', detail: 'code INSEE inconnu' },
      { field: 'details.availablePeriods[0].until', detail: 'la fin de la période précède son début' },
    ]);
    expect(await count()).toBe(before);
  });

  it('keeps roles apart: a candidate cannot publish, an anonymous caller is asked to authenticate', async () => {
    expect((await run.http.post('/v1/offers').set('Authorization', await bearer('interne.demo')).send(premisesInput('37072'))).status).toBe(403);
    expect((await run.http.post('/v1/offers').send(premisesInput('37072'))).status).toBe(401);
  });

  it('updates with If-Match (428 without, 409 on a stale version) and emits offer-updated with the changed fields', async () => {
    const created = (await run.http.post('/v1/offers').set('Authorization', publisher).send(premisesInput('37261'))).body as Offer;
    const changed = premisesInput('37261', { monthlyRent: { amountCents: 35_000, currency: 'EUR' } });
    expect((await run.http.put(`/v1/offers/${created.id}`).set('Authorization', publisher).send(changed)).status).toBe(428);
    const ok = await run.http.put(`/v1/offers/${created.id}`).set('Authorization', publisher).set('If-Match', '"1"').send(changed);
    expect(ok.status).toBe(200);
    expect(ok.headers['etag']).toBe('"2"');
    const stale = await run.http.put(`/v1/offers/${created.id}`).set('Authorization', publisher).set('If-Match', '"1"').send(changed);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 2 });
    await eventually(() => expect(run.tap.of(UPDATED, (e) => e.offer.id === created.id).map((e) => e.changedFields)).toEqual([['details.monthlyRent']]));
  });

  it('withdraws an offer, which stays readable as withdrawn, and emits offer-withdrawn', async () => {
    const created = (await run.http.post('/v1/offers').set('Authorization', publisher).send(housingInput('37072'))).body as Offer;
    const res = await run.http.delete(`/v1/offers/${created.id}`).set('Authorization', publisher).set('If-Match', '"1"');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'withdrawn', version: 2 });
    expect((await run.http.get(`/v1/offers/${created.id}`).set('Authorization', publisher)).body.status).toBe('withdrawn');
    await eventually(() => expect(run.tap.of(WITHDRAWN, (e) => e.offerId === created.id)).toHaveLength(1));
  });

  it('replays the first answer for a retried Idempotency-Key and refuses the key with another body', async () => {
    const key = 'offre-cle-0001';
    const first = await run.http.post('/v1/offers').set('Authorization', publisher).set('Idempotency-Key', key).send(premisesInput('37003'));
    const again = await run.http.post('/v1/offers').set('Authorization', publisher).set('Idempotency-Key', key).send(premisesInput('37003'));
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const other = await run.http.post('/v1/offers').set('Authorization', publisher).set('Idempotency-Key', key).send(premisesInput('37261'));
    expect(other.status).toBe(422);
  });

  it('lists the offers of the caller’s territory with filters and cursor pages', async () => {
    const page = await run.http.get('/v1/offers?kind=premises&status=available&limit=2').set('Authorization', publisher);
    expect(page.status).toBe(200);
    expect(validateOfferPage(page.body).ok).toBe(true);
    expect(page.body.items).toHaveLength(2);
    const next = await run.http.get(`/v1/offers?kind=premises&status=available&limit=2&cursor=${page.body.page.nextCursor as string}`).set('Authorization', publisher);
    expect(next.body.items.map((o: Offer) => o.id)).not.toContain(page.body.items[0].id);
    // Every page says how many offers the filters select, not how many it holds.
    const all = await run.http.get('/v1/offers?kind=premises&status=available&limit=200').set('Authorization', publisher);
    expect(page.body.total).toBe(all.body.items.length);
    expect(page.body.total).toBeGreaterThan(2);
    expect(next.body.total).toBe(page.body.total);
    const elsewhere = await run.http.get('/v1/offers').set('Authorization', await bearer('ars.idf'));
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.items).toEqual([]);
    expect(elsewhere.body.total).toBe(0);
    const bad = await run.http.get('/v1/offers?kind=castle&limit=900').set('Authorization', publisher);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['kind', 'limit']);
  });

  it('imports a CSV row by row: rows taken become offers, rows refused say why in French', async () => {
    const csv = [
      'title,communeCode,beds,monthlyPrice.amountCents,availablePeriods,eligibleOccupants,furnished,nearbyHospital.name',
      'Studio meublé,37072,2,35000,2026-11-02/2027-04-30,intern;junior-doctor,oui,CH du Chinonais',
      'Chambre,99999,1,20000,2026-11-02/2027-04-30,intern,non,',
      'Logement à Rennes,35238,1,20000,2026-11-02/2027-04-30,intern,non,',
      '"Appartement, 2 pièces",37261,deux,30000,2026-11-02,intern,peut-être,',
    ].join('\n');
    const res = await run.http.post('/v1/offers/import?kind=housing').set('Authorization', publisher).set('Content-Type', 'text/csv').send(csv);
    expect(res.status).toBe(200);
    const report = res.body as ImportReport;
    expect(validateImportReport(report).ok).toBe(true);
    expect(report).toMatchObject({ acceptedCount: 1, rejectedCount: 3 });
    expect(report.rows[0]).toMatchObject({ row: 1, status: 'accepted' });
    expect(report.rows[1]).toEqual({ row: 2, status: 'rejected', errors: [{ field: 'communeCode', detail: 'code INSEE inconnu' }] });
    expect(report.rows[2]).toMatchObject({ row: 3, status: 'rejected', errors: [{ field: 'communeCode', detail: expect.stringContaining('hors de votre territoire') }] });
    expect(report.rows[3]?.errors).toEqual(
      expect.arrayContaining([
        { field: 'beds', detail: 'type attendu : nombre entier' },
        { field: 'furnished', detail: 'type attendu : booléen (true ou false)' },
        { field: 'availablePeriods[0].until', detail: 'champ obligatoire' },
      ]),
    );
    const stored = await run.http.get(`/v1/offers/${report.rows[0]!.id!}`).set('Authorization', publisher);
    expect(stored.body.details).toMatchObject({ beds: 2, furnished: true, eligibleOccupants: ['intern', 'junior-doctor'], availablePeriods: [{ from: '2026-11-02', until: '2027-04-30' }] });
    await eventually(() => expect(run.tap.of(PUBLISHED, (e) => e.offer.id === report.rows[0]!.id)).toHaveLength(1));
  });

  it('refuses a CSV whose header is wrong, and a retried import with its key creates nothing twice', async () => {
    const wrong = await run.http.post('/v1/offers/import?kind=job').set('Authorization', publisher).set('Content-Type', 'text/csv').send('title,salary\nInfirmier,3000\n');
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual(expect.arrayContaining([{ field: 'salary', detail: expect.stringContaining('colonne inconnue') }, { field: 'profession', detail: 'colonne obligatoire absente' }]));
    const csv = 'title,profession,employer,employmentSector,communeCode,contractType,workingTime\nProfesseur des écoles,education-enseignement,DSDEN 37,public,37261,fixed-term,full-time\n';
    const send = () => run.http.post('/v1/offers/import?kind=job').set('Authorization', publisher).set('Idempotency-Key', 'import-emplois-01').set('Content-Type', 'text/csv').send(csv);
    const first = await send();
    const second = await send();
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect((await run.http.post('/v1/offers/import?kind=job').set('Authorization', publisher).send({ csv })).status).toBe(415);
  });
});
