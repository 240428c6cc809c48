import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validateAidSchemeList, validateEligibilityResult, validateImportReport, validateZoningHistory, type AidScheme, type EligibilityResult, type ImportReport, type ZoningHistory } from '@guichet/contracts';
import { localAid } from './aid-fixtures.js';
import { bearer, eventually, startRun, type TestRun } from './support.js';

const ZONING_CHANGED = 'fr.sante.guichet.catalogue.zoning-changed.v1';
const SCHEME_CHANGED = 'fr.sante.guichet.catalogue.aid-scheme-changed.v1';

/** A commune's lump sum on the given territory, as a collectivité publishes it. */
function localScheme(id: string, territory: Record<string, string[]>, overrides: Partial<AidScheme> = {}): AidScheme {
  return localAid(id, 'commune', [territory], overrides);
}

const simulation = (communeInsee: string) => ({
  profile: { status: 'graduated-doctor', specialty: 'medecine-generale', projects: ['installation'], sector: '1', practiceMode: 'msp', coordinatedPractice: true, firstInstallation: true, plannedInstallationDate: '2026-11-02', maxCommitmentYears: 5 },
  communeInsee,
  referenceDate: '2026-09-01',
});

describe('reference data API: zoning imports, aid schemes, public simulation', () => {
  let run: TestRun;

  beforeAll(async () => {
    run = await startRun('reference', { SIMULATIONS_PER_MINUTE: '20' });
  }, 180_000);
  afterAll(async () => {
    await run.stop();
  });

  it('seeds the whole aid catalogue and the demo zoning of Centre-Val de Loire, with its history', async () => {
    const list = await run.http.get('/v1/aid-schemes');
    expect(list.status).toBe(200);
    expect(validateAidSchemeList(list.body).ok).toBe(true);
    expect(list.body.items.length).toBeGreaterThan(50);
    const open2019 = await run.http.get('/v1/aid-schemes?at=2019-01-01&funder=assurance-maladie');
    expect(open2019.body.items.every((s: AidScheme) => s.funder === 'assurance-maladie' && (s.validFrom === null || s.validFrom <= '2019-01-01'))).toBe(true);
    const history = (await run.http.get('/v1/zoning/communes/37072')).body as ZoningHistory;
    expect(validateZoningHistory(history).ok).toBe(true);
    expect(history.entries.map((e) => [e.effectiveFrom, e.zone, e.arrete.reference])).toEqual([['2022-02-01', 'zip', expect.stringContaining("approximation du zonage médecins 2022 de l'ARS Centre-Val de Loire (pas l'arrêté)")]]);
    expect((await run.http.get('/v1/zoning/communes/99999')).status).toBe(404);
  });

  it('imports an ARS order row by row for the caseworker’s own region, keeps the history and emits the communes that change', async () => {
    const ars = await bearer('ars.cvl');
    const csv = [
      'communeCode,zone,effectiveFrom,effectiveUntil',
      '37123,zac,2026-07-01,',
      '37072,zac,2026-07-01,2028-06-30',
      '35238,zip,2026-07-01,',
      '37261,zap,2026-07-01,',
      '45234,zip,le 1er juillet,',
      '37123,zip,2026-07-01,',
      '37003,zip,2026-07-01,2026-01-01',
    ].join('\n');
    const res = await run.http
      .post('/v1/zoning/import?regionCode=24&arreteReference=Arrêté%20ARS%20CVL%202026-17&arreteSignedOn=2026-06-15')
      .set('Authorization', ars)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(res.status).toBe(200);
    const report = res.body as ImportReport;
    expect(validateImportReport(report).ok).toBe(true);
    expect(report).toMatchObject({ acceptedCount: 2, rejectedCount: 5 });
    expect(report.rows.filter((r) => r.status === 'rejected').map((r) => r.errors)).toEqual([
      [{ field: 'communeCode', detail: "Rennes n'est pas dans la région Centre-Val de Loire" }],
      [{ field: 'zone', detail: 'zone attendue : zip, zac ou none' }],
      [{ field: 'effectiveFrom', detail: 'date invalide (format AAAA-MM-JJ)' }],
      [{ field: 'communeCode', detail: 'ligne en double : même commune et même date que la ligne 1' }],
      [{ field: 'effectiveUntil', detail: 'la date de fin précède la date de début' }],
    ]);
    const history = (await run.http.get('/v1/zoning/communes/37072')).body as ZoningHistory;
    expect(history.entries.map((e) => [e.effectiveFrom, e.effectiveUntil ?? null, e.zone])).toEqual([
      ['2022-02-01', '2026-06-30', 'zip'],
      ['2026-07-01', '2028-06-30', 'zac'],
    ]);
    expect(history.entries[1]?.arrete).toEqual({ reference: 'Arrêté ARS CVL 2026-17', signedOn: '2026-06-15' });
    await eventually(() => {
      const [changed] = run.tap.of(ZONING_CHANGED, (e) => e.importId === report.importId);
      expect(changed?.entries.map((e) => e.communeCode)).toContain('37123');
      expect(changed?.entries.find((e) => e.communeCode === '37123')).toMatchObject({ zone: 'zac', previousZone: 'zip', effectiveFrom: '2026-07-01' });
    });
  });

  it('refuses a zoning import for another region, or by a caseworker of another region', async () => {
    const csv = 'communeCode,zone,effectiveFrom\n37123,zip,2026-07-01\n';
    const other = await run.http.post('/v1/zoning/import?regionCode=11&arreteReference=Arr%C3%AAt%C3%A9%2012').set('Authorization', await bearer('ars.cvl')).set('Content-Type', 'text/csv').send(csv);
    expect(other.status).toBe(403);
    const idf = await run.http.post('/v1/zoning/import?regionCode=24&arreteReference=Arr%C3%AAt%C3%A9%2012').set('Authorization', await bearer('ars.idf')).set('Content-Type', 'text/csv').send(csv);
    expect(idf.status).toBe(403);
    const publisher = await run.http.post('/v1/zoning/import?regionCode=24&arreteReference=Arr%C3%AAt%C3%A9%2012').set('Authorization', await bearer('publisher.37')).set('Content-Type', 'text/csv').send(csv);
    expect(publisher.status).toBe(403);
  });

  it('lets a local authority add a scheme of its own territory, versioned with If-Match, each change emitted', async () => {
    const mairie = await bearer('mairie.37');
    const created = await run.http.post('/v1/aid-schemes').set('Authorization', mairie).send(localScheme('prime-installation-ville-37', { departements: ['37'] }));
    expect(created.status).toBe(201);
    expect(created.headers['etag']).toBe('"1"');
    const changed = localScheme('prime-installation-ville-37', { departements: ['37'] }, { amount: { nature: 'grant', payments: [{ period: 'once', amount: { amountCents: 800_000, currency: 'EUR' }, upTo: false }], paidOver: 'commitment', note: 'Montant porté à 8 000 €.' } });
    const version = await run.http.post('/v1/aid-schemes/prime-installation-ville-37/versions').set('Authorization', mairie).set('If-Match', '"1"').send(changed);
    expect(version.status).toBe(201);
    expect(version.body.version).toBe(2);
    const stale = await run.http.post('/v1/aid-schemes/prime-installation-ville-37/versions').set('Authorization', mairie).set('If-Match', '"1"').send(changed);
    expect(stale.status).toBe(409);
    const versions = await run.http.get('/v1/aid-schemes/prime-installation-ville-37/versions');
    expect(versions.body.items.map((s: AidScheme) => s.version)).toEqual([1, 2]);
    await eventually(() => expect(run.tap.of(SCHEME_CHANGED, (e) => e.schemeId === 'prime-installation-ville-37').map((e) => [e.change, e.version])).toEqual([['created', 1], ['updated', 2]]));
    const simulated = (await run.http.post('/v1/simulations').send(simulation('37261'))).body as EligibilityResult;
    expect(simulated.verdicts.find((v) => v.schemeId === 'prime-installation-ville-37')).toMatchObject({ schemeVersion: 2, status: 'eligible', amount: { estimated: { amountCents: 800_000 } } });
  });

  it('refuses a local scheme outside the authority’s territory, or funded by someone else, and keeps nothing', async () => {
    const mairie = await bearer('mairie.37');
    const elsewhere = await run.http.post('/v1/aid-schemes').set('Authorization', mairie).send(localScheme('prime-loiret', { departements: ['45'] }));
    expect(elsewhere.status).toBe(403);
    const state = await run.http.post('/v1/aid-schemes').set('Authorization', mairie).send(localScheme('prime-etat', { departements: ['37'] }, { funder: 'state' }));
    expect(state.status).toBe(400);
    expect(state.body.errors).toEqual([{ field: 'funder', detail: expect.stringContaining('finance') }]);
    const national = await run.http.post('/v1/aid-schemes/cesp/versions').set('Authorization', mairie).set('If-Match', '"1"').send({ ...localScheme('cesp', { departements: ['37'] }) });
    expect([403, 400]).toContain(national.status);
    expect((await run.http.get('/v1/aid-schemes/prime-loiret')).status).toBe(404);
    expect((await run.http.get('/v1/aid-schemes/prime-etat')).status).toBe(404);
  });

  it('simulates without an account: every scheme’s verdict with French reasons and amounts', async () => {
    const res = await run.http.post('/v1/simulations').send(simulation('37123'));
    expect(res.status).toBe(200);
    const result = res.body as EligibilityResult;
    expect(validateEligibilityResult(result).ok).toBe(true);
    const catalogue = (await run.http.get('/v1/aid-schemes')).body.items as AidScheme[];
    expect(result.verdicts.map((v) => v.schemeId).sort()).toEqual(catalogue.map((s) => s.id).sort());
    expect(result.verdicts.every((v) => v.reasons.length > 0 && v.reasons.every((r) => r.message.length > 0))).toBe(true);
    expect(result.verdicts.some((v) => v.status === 'eligible')).toBe(true);
    expect(result.bestCombination.message.length).toBeGreaterThan(0);
    const open = result.verdicts.filter((v) => v.status === 'eligible').length;
    const toClarify = result.verdicts.filter((v) => v.status === 'needs-information').length;
    expect(result.bestCombination.headline).toMatchObject({ open, toClarify, retained: result.bestCombination.schemeIds.length });
    expect(result.bestCombination.headline?.estimated?.amountCents ?? 0).toBe(result.bestCombination.total.amountCents);
    const invalid = await run.http.post('/v1/simulations').send({ profile: { status: 'astronaut', projects: [] }, communeInsee: '99999' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['profile.status']));
    const unknown = await run.http.post('/v1/simulations').send(simulation('99999'));
    expect(unknown.body.errors).toEqual([{ field: 'communeInsee', detail: 'code INSEE inconnu' }]);
    // Found by schema fuzzing: a 26-year internship was paid out as 322 months of aid.
    const endless = simulation('37072');
    const tooLong = await run.http.post('/v1/simulations').send({ ...endless, profile: { ...endless.profile, internship: { startDate: '2000-01-01', endDate: '2026-11-02', ambulatory: false } } });
    expect({ status: tooLong.status, errors: tooLong.body.errors }).toEqual({ status: 400, errors: [{ field: 'profile.internship.endDate', detail: 'un stage dure au plus 2 ans : vérifiez ses dates' }] });
  });

  it('limits simulations per client address (429 with Retry-After)', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 25; i += 1) answers.push((await run.http.post('/v1/simulations').send(simulation('37123'))).status);
    expect(answers).toContain(429);
    const limited = await run.http.post('/v1/simulations').send(simulation('37123'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.detail).toContain('réessayez');
  });
});
