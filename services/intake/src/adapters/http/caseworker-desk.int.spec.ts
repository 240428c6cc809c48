import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validateCaseDetail, validateCasePage, type AccessLog, type AuditTrail, type CaseDetail, type CasePage, type InfoRequest } from '@guichet/contracts';
import { call, completeRequest, eventually, KARIM, startTestIntake, submittedCase, tokenOf, watchTopic, type TestIntake } from '../test-support.js';

// The caseworkers' desk through HTTP: queue, territory, lifecycle, deadlines, audit trail and access log.

let intake: TestIntake;
let events: Awaited<ReturnType<typeof watchTopic>>;
const cases: Record<'chinon' | 'orleans' | 'chateauroux' | 'both', string> = { chinon: '', orleans: '', chateauroux: '', both: '' };
const token: Record<string, string> = {};

beforeAll(async () => {
  intake = await startTestIntake('desk');
  events = await watchTopic(intake.config.INTAKE_TOPIC);
  for (const user of ['interne.demo', 'interne2.demo', 'ars.cvl', 'ars.idf', 'cpam.37']) token[user] = await tokenOf(user);
  const lea = token['interne.demo']!;
  const karim = token['interne2.demo']!;
  cases.chinon = (await submittedCase(intake.url, lea)).id;
  cases.orleans = (await submittedCase(intake.url, karim, completeRequest({ communes: ['45234'] }, KARIM))).id;
  // A docteur junior (consolidation phase of paediatrics) placed in Indre.
  cases.chateauroux = (await submittedCase(intake.url, lea, { ...completeRequest({ departements: ['36'] }), specialty: 'pediatrie', status: 'junior-doctor' })).id;
  cases.both = (await submittedCase(intake.url, karim, completeRequest({ communes: ['45234'], departements: ['37'] }, KARIM))).id;
});

afterAll(async () => {
  await events?.stop();
  await intake?.close();
});

const api = <T>(user: string, method: string, path: string, options: Omit<Parameters<typeof call>[3], 'token'> = {}) =>
  call<T>(intake.url, method, path, { ...options, token: token[user]! });
const queue = async (user: string, query = '') => {
  const page = await api<CasePage>(user, 'GET', `/v1/cases${query}`);
  expect(page.status).toBe(200);
  expect(validateCasePage(page.body).ok).toBe(true);
  return page.body;
};
const ids = (page: CasePage) => page.items.map((item) => item.id);

describe('caseworker queue', () => {
  it('shows a regional caseworker every case of the region, newest first, page by page', async () => {
    expect(ids(await queue('ars.cvl'))).toEqual([cases.both, cases.chateauroux, cases.orleans, cases.chinon]);
    const first = await queue('ars.cvl', '?limit=3');
    expect(ids(first)).toEqual([cases.both, cases.chateauroux, cases.orleans]);
    expect(first.page).toEqual({ limit: 3, nextCursor: expect.any(String) });
    const second = await queue('ars.cvl', `?limit=3&cursor=${first.page.nextCursor}`);
    expect(ids(second)).toEqual([cases.chinon]);
    expect(second.page.nextCursor).toBeUndefined();
    expect(ids(await queue('ars.cvl', '?sort=submittedAt'))).toEqual([cases.chinon, cases.orleans, cases.chateauroux, cases.both]);
  });

  it('shows a CPAM caseworker of Indre-et-Loire the cases of the 37 only, and nothing to another region', async () => {
    expect(ids(await queue('cpam.37'))).toEqual([cases.both, cases.chinon]);
    expect(ids(await queue('ars.idf'))).toEqual([]);
    expect(ids(await queue('cpam.37', '?departement=45'))).toEqual([cases.both]);
  });

  it('filters by département, specialty, status and referent', async () => {
    expect(ids(await queue('ars.cvl', '?departement=45&sort=submittedAt'))).toEqual([cases.orleans, cases.both]);
    expect(ids(await queue('ars.cvl', '?specialty=pediatrie'))).toEqual([cases.chateauroux]);
    // The ARS's own queue of docteurs juniors' placements.
    const juniors = await queue('ars.cvl', '?candidateStatus=junior-doctor');
    expect(ids(juniors)).toEqual([cases.chateauroux]);
    // Each line says where and when the placement is: the zone filter is the installation's (bestZone), not the placement's.
    expect(juniors.items[0]?.placement).toEqual({ communeCode: '37072', startDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), endDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect((await queue('ars.cvl', '?candidateStatus=intern')).items.filter((item) => item.placement !== undefined)).toEqual([]);
    expect(ids(await queue('ars.cvl', '?candidateStatus=intern&sort=submittedAt'))).toEqual([cases.chinon, cases.orleans, cases.both]);
    expect(ids(await queue('ars.cvl', '?status=under_review,closed'))).toEqual([]);
    expect(ids(await queue('ars.cvl', '?referent=none&sort=submittedAt'))).toEqual([cases.chinon, cases.orleans, cases.chateauroux, cases.both]);
  });

  it('refuses unknown filters with a French message per parameter', async () => {
    const refused = await api<{ errors: Array<{ field: string }> }>('ars.cvl', 'GET', '/v1/cases?status=lost&zone=far&limit=0&colour=blue');
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((error) => error.field).sort()).toEqual(['colour', 'limit', 'status[0]', 'zone']);
  });
});

describe('case handling', () => {
  let version = 3;

  it('forbids a case outside the caseworker’s territory', async () => {
    expect((await api('cpam.37', 'GET', `/v1/cases/${cases.orleans}`)).status).toBe(403);
    expect((await api('ars.idf', 'GET', `/v1/cases/${cases.chinon}`)).status).toBe(403);
    expect((await api('ars.idf', 'POST', `/v1/cases/${cases.chinon}/comments`, { body: { text: 'intrusion' } })).status).toBe(403);
  });

  it('takes the case in review with a reason, assigns a single referent and keeps internal comments', async () => {
    const detail = await api<CaseDetail>('cpam.37', 'GET', `/v1/cases/${cases.chinon}`);
    expect(detail.status).toBe(200);
    expect(validateCaseDetail(detail.body).ok).toBe(true);
    expect(detail.headers.get('etag')).toBe(`"${version}"`);
    const noReason = await api('ars.cvl', 'POST', `/v1/cases/${cases.chinon}/status`, { body: { to: 'under_review' }, headers: { 'if-match': `"${version}"` } });
    expect(noReason.status).toBe(400);
    const forbiddenJump = await api<{ detail: string }>('ars.cvl', 'POST', `/v1/cases/${cases.chinon}/status`, {
      body: { to: 'installed', reason: 'Déjà installée' },
      headers: { 'if-match': `"${version}"` },
    });
    expect(forbiddenJump.status).toBe(409);
    expect(forbiddenJump.body.detail).toBe('Un dossier « déposée » ne peut pas passer à « installé ».');
    const review = await api<{ status: string; version: number }>('ars.cvl', 'POST', `/v1/cases/${cases.chinon}/status`, {
      body: { to: 'under_review', reason: 'Prise en charge par l’ARS' },
      headers: { 'if-match': `"${version}"` },
    });
    expect(review.body).toMatchObject({ status: 'under_review', version: version + 1 });
    version += 1;
    await events.waitFor((m) => m.key === cases.chinon && m.headers['ce_type'] === 'fr.sante.guichet.intake.request-status-changed.v1' && m.data['to'] === 'under_review');
    const assigned = await api<{ referent: { id: string; organisation: string } }>('ars.cvl', 'PUT', `/v1/cases/${cases.chinon}/referent`, {
      body: { referentId: 'ars-cvl-referent-1', displayName: 'Référente ARS Chinon' },
      headers: { 'if-match': `"${version}"` },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.referent).toEqual({ id: 'ars-cvl-referent-1', displayName: 'Référente ARS Chinon', organisation: 'ars' });
    version += 1;
    expect(ids(await queue('ars.cvl', '?referent=ars-cvl-referent-1'))).toEqual([cases.chinon]);
    const comment = await api<{ id: string; authorRole: string }>('cpam.37', 'POST', `/v1/cases/${cases.chinon}/comments`, { body: { text: 'Conventionnement secteur 1 à vérifier' } });
    expect(comment.status).toBe(201);
    expect(comment.headers.get('location')).toBe(`/v1/cases/${cases.chinon}/comments/${comment.body.id}`);
    version += 1;
    const comments = await api<{ items: Array<{ text: string; authorRole: string }> }>('ars.cvl', 'GET', `/v1/cases/${cases.chinon}/comments`);
    expect(comments.body.items).toEqual([expect.objectContaining({ text: 'Conventionnement secteur 1 à vérifier', authorRole: 'caseworker-cpam' })]);
    const asCandidate = await call(intake.url, 'GET', `/v1/cases/${cases.chinon}/comments`, { token: token['interne.demo']! });
    expect(asCandidate.status).toBe(403);
  });

  it('counts deadlines against the desk only while the desk holds the case', async () => {
    intake.clock.advanceDays(6);
    const overdue = await queue('ars.cvl', '?overdue=true&sort=submittedAt');
    expect(ids(overdue)).toEqual([cases.orleans, cases.chateauroux, cases.both]);
    expect(overdue.items.every((item) => item.overdue && item.ageDays === 6)).toBe(true);
    expect(ids(await queue('ars.cvl', '?overdue=false'))).toEqual([cases.chinon]);
    expect(ids(await queue('ars.cvl', '?minAgeDays=6&maxAgeDays=6'))).toHaveLength(4);
    expect(ids(await queue('ars.cvl', '?maxAgeDays=5'))).toEqual([]);

    const asked = await api<InfoRequest>('ars.cvl', 'POST', `/v1/cases/${cases.chinon}/info-requests`, {
      body: { question: 'Merci de joindre votre convention de stage.', fields: ['internship'], dueDate: new Date(intake.clock.now().getTime() + 7 * 86_400_000).toISOString().slice(0, 10) },
      headers: { 'if-match': `"${version}"`, 'idempotency-key': 'ask-convention-0001' },
    });
    expect(asked.status).toBe(201);
    version += 1;
    const waiting = await call<{ status: string; nextStep: { waitingOn: string; dueDate: string } }>(intake.url, 'GET', `/v1/requests/${cases.chinon}`, { token: token['interne.demo']! });
    expect(waiting.body).toMatchObject({ status: 'awaiting_candidate', nextStep: { waitingOn: 'candidate', dueDate: asked.body.dueDate } });

    intake.clock.advanceDays(10);
    const edited = await call(intake.url, 'PUT', `/v1/requests/${cases.chinon}`, {
      token: token['interne.demo']!,
      body: { ...completeRequest(), faculty: 'Université de Tours' },
      headers: { 'if-match': `"${version}"` },
    });
    expect(edited.status).toBe(200);
    version += 1;
    await events.waitFor((m) => m.key === cases.chinon && m.headers['ce_type'] === 'fr.sante.guichet.intake.request-updated.v1');
    const answered = await call<InfoRequest>(intake.url, 'POST', `/v1/requests/${cases.chinon}/info-requests/${asked.body.id}/answer`, {
      token: token['interne.demo']!,
      body: { answer: 'Convention envoyée, faculté corrigée.' },
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', answer: 'Convention envoyée, faculté corrigée.' });

    const detail = (await api<CaseDetail>('ars.cvl', 'GET', `/v1/cases/${cases.chinon}`)).body;
    expect(detail.request.status).toBe('under_review');
    const spent = Object.fromEntries(detail.timeInStatus.map((entry) => [entry.status, entry]));
    expect(spent['under_review']?.days).toBeCloseTo(6, 1);
    expect(spent['under_review']?.countsAgainstDesk).toBe(true);
    expect(spent['awaiting_candidate']?.days).toBeCloseTo(10, 1);
    expect(spent['awaiting_candidate']?.countsAgainstDesk).toBe(false);
    expect(detail.infoRequests).toEqual([expect.objectContaining({ status: 'answered' })]);
  });

  it('shows the candidate that an administrator read the audit trail of the case', async () => {
    token['admin.demo'] = await tokenOf('admin.demo');
    const before = await api<AccessLog>('interne.demo', 'GET', `/v1/requests/${cases.chateauroux}/access-log`);
    expect(before.body.items.filter((entry) => entry.actorKind === 'admin')).toEqual([]);
    expect((await api<AuditTrail>('admin.demo', 'GET', `/v1/cases/${cases.chateauroux}/audit`)).status).toBe(200);
    const after = await api<AccessLog>('interne.demo', 'GET', `/v1/requests/${cases.chateauroux}/access-log`);
    expect(after.body.items.filter((entry) => entry.actorKind === 'admin')).toEqual([expect.objectContaining({ actorKind: 'admin', action: 'read', organisation: 'Administration du guichet' })]);
  });

  it('keeps a complete audit trail, which no route can change', async () => {
    const trail = await api<AuditTrail>('ars.cvl', 'GET', `/v1/cases/${cases.chinon}/audit`);
    expect(trail.status).toBe(200);
    expect(trail.body.items.map((entry) => entry.action)).toEqual([
      'create-draft',
      'update-request',
      'submit',
      'change-status',
      'assign-referent',
      'add-comment',
      'request-information',
      'update-request',
      'answer-information',
    ]);
    const review = trail.body.items[3]!;
    expect(review).toMatchObject({ actor: { kind: 'caseworker-ars', id: expect.any(String) }, reason: 'Prise en charge par l’ARS' });
    expect(review.changes).toEqual(expect.arrayContaining([{ field: 'status', before: 'submitted', after: 'under_review' }]));
    expect(trail.body.items[2]?.actor).toEqual({ kind: 'candidate' });
    // The agent by the name their token gave when they acted (any reader sees who it was); a candidate never.
    expect(review.actorName).toBe('Agnès Centre-Val-de-Loire');
    expect(trail.body.items.filter((entry) => entry.actor.kind === 'candidate' && entry.actorName !== undefined)).toEqual([]);
    const moved = await eventually(async () => ((await intake.db.collection('audit').countDocuments({ caseId: cases.chinon })) === 9 ? true : undefined));
    expect(moved).toBe(true);
    for (const method of ['PUT', 'PATCH', 'DELETE']) expect((await api('ars.cvl', method, `/v1/cases/${cases.chinon}/audit`, { body: {} })).status).toBe(404);
    expect((await api('ars.idf', 'GET', `/v1/cases/${cases.chinon}/audit`)).status).toBe(403);
  });

  it('shows the candidate who accessed their case, and when', async () => {
    const log = await call<AccessLog>(intake.url, 'GET', `/v1/requests/${cases.chinon}/access-log`, { token: token['interne.demo']! });
    expect(log.status).toBe(200);
    const seen = log.body.items.map((entry) => `${entry.actorName} ${entry.organisation} ${entry.action}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'cpam.37 CPAM Indre-et-Loire read',
        'ars.cvl ARS Centre-Val de Loire status-change',
        'ars.cvl ARS Centre-Val de Loire assign',
        'cpam.37 CPAM Indre-et-Loire comment',
        'ars.cvl ARS Centre-Val de Loire update',
        'ars.cvl ARS Centre-Val de Loire read',
      ]),
    );
    expect(log.body.items.some((entry) => entry.actorName === 'ars.idf')).toBe(false);
    expect((await call(intake.url, 'GET', `/v1/requests/${cases.chinon}/access-log`, { token: token['interne2.demo']! })).status).toBe(404);
  });
});
