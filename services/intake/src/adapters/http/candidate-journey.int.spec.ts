import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validateCandidateDataExport, validateEvent, validateInstallationRequest, type InstallationRequest } from '@guichet/contracts';
import { call, completeRequest, documentsContaining, eventually, KARIM, LEA, startTestIntake, submittedCase, tokenOf, watchTopic, type TestIntake } from '../test-support.js';

// The candidate's journey through HTTP, against the real MongoDB-wire server, Kafka and Keycloak.

let intake: TestIntake;
let events: Awaited<ReturnType<typeof watchTopic>>;
let lea: string;
let karim: string;

beforeAll(async () => {
  intake = await startTestIntake('journey');
  events = await watchTopic(intake.config.INTAKE_TOPIC);
  lea = await tokenOf('interne.demo');
  karim = await tokenOf('interne2.demo');
});

afterAll(async () => {
  await events?.stop();
  await intake?.close();
});

const api = <T = InstallationRequest>(method: string, path: string, options: Parameters<typeof call>[3] = {}) => call<T>(intake.url, method, path, options);

describe('candidate journey', () => {
  let id: string;

  it('creates a draft, then resumes it instead of creating a second one', async () => {
    const first = await api('POST', '/v1/requests', { token: lea, body: { status: 'intern', targets: { departements: ['37'] } } });
    expect(first.status).toBe(201);
    expect(first.headers.get('etag')).toBe('"1"');
    expect(first.headers.get('location')).toBe(`/v1/requests/${first.body.id}`);
    expect(validateInstallationRequest(first.body).ok).toBe(true);
    id = first.body.id;
    const again = await api('POST', '/v1/requests', { token: lea, body: {} });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id, status: 'draft', data: { status: 'intern' } });
    expect(await intake.db.collection('cases').countDocuments({ status: 'draft' })).toBe(1);
  });

  it('updates the draft with If-Match, and refuses a missing or stale version', async () => {
    const withoutVersion = await api('PUT', `/v1/requests/${id}`, { token: lea, body: { specialty: 'pediatrie' } });
    expect(withoutVersion.status).toBe(428);
    const updated = await api('PUT', `/v1/requests/${id}`, { token: lea, body: { status: 'intern', specialty: 'pediatrie' }, headers: { 'if-match': '"1"' } });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    const stale = await api<{ type: string; detail: string; currentVersion: number }>('PUT', `/v1/requests/${id}`, {
      token: lea,
      body: { specialty: 'psychiatrie' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ currentVersion: 2, detail: expect.stringContaining('modifiée entre-temps') });
    expect((await api('GET', `/v1/requests/${id}`, { token: lea })).body.data.specialty).toBe('pediatrie');
  });

  it('refuses to submit an incomplete request, naming every missing field in French', async () => {
    const refused = await api<{ status: number; detail: string; errors: Array<{ field: string; detail: string }> }>('POST', `/v1/requests/${id}/submit`, {
      token: lea,
      headers: { 'if-match': '"2"' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((error) => error.field).sort()).toEqual(
      ['aids', 'consents', 'contact', 'desiredInstallationDate', 'faculty', 'identity', 'internship', 'needs', 'practice', 'targets'].sort(),
    );
    expect(refused.body.detail).toMatch(/10 champs .*identité.*coordonnées.*date d’installation souhaitée/);
    expect((await api('GET', `/v1/requests/${id}`, { token: lea })).body).toMatchObject({ status: 'draft', version: 2 });
  });

  it('submits the completed request and publishes request-submitted with its CloudEvents headers', async () => {
    const completed = await api('PUT', `/v1/requests/${id}`, { token: lea, body: completeRequest(), headers: { 'if-match': '"2"' } });
    expect(completed.status).toBe(200);
    const submitted = await api('POST', `/v1/requests/${id}/submit`, { token: lea, headers: { 'if-match': '"3"' } });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 4, territory: { regions: ['24'], departements: ['37'], communes: ['37072'] } });
    expect(submitted.body.nextStep).toMatchObject({ waitingOn: 'desk', dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const message = await events.waitFor((m) => m.headers['ce_type'] === 'fr.sante.guichet.intake.request-submitted.v1' && m.key === id);
    expect(message.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_source: '/guichet/intake',
      ce_subject: id,
      'content-type': 'application/json',
      ce_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      ce_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(validateEvent('fr.sante.guichet.intake.request-submitted.v1', message.data).ok).toBe(true);
    expect(message.data).toMatchObject({ requestId: id, version: 4, request: { identity: { lastName: 'Martinez' } } });
    // Forgotten by the outbox once Kafka has it: a restart will not publish it again.
    await eventually(async () => ((await intake.db.collection('outbox').countDocuments({})) === 0 ? true : undefined));
  });

  it('lists the candidate’s own requests only, and hides other candidates’ ones', async () => {
    const mine = await api<{ items: InstallationRequest[]; page: { limit: number } }>('GET', '/v1/requests?limit=10', { token: lea });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((request) => request.id)).toEqual([id]);
    expect((await api('GET', `/v1/requests/${id}`, { token: karim })).status).toBe(404);
    expect((await api<{ items: unknown[] }>('GET', '/v1/requests', { token: karim })).body.items).toEqual([]);
  });

  it('replays the first answer for a retried creation with the same Idempotency-Key, and refuses another body', async () => {
    const key = 'karim-draft-0001';
    const first = await api('POST', '/v1/requests', { token: karim, body: { specialty: 'pediatrie' }, headers: { 'idempotency-key': key } });
    const retry = await api('POST', '/v1/requests', { token: karim, body: { specialty: 'pediatrie' }, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const other = await api<{ status: number; detail: string }>('POST', '/v1/requests', { token: karim, body: { specialty: 'psychiatrie' }, headers: { 'idempotency-key': key } });
    expect(other.status).toBe(422);
    expect(other.body.detail).toContain('clé d’idempotence');
    expect(await intake.db.collection('cases').countDocuments({ candidateId: first.body.candidateId })).toBe(1);
  });

  it('withdraws a submitted request and tells partners', async () => {
    const { id: other } = await submittedCase(intake.url, karim, completeRequest({ departements: ['36'] }, KARIM));
    const withdrawn = await api('POST', `/v1/requests/${other}/withdraw`, { token: karim, body: { reason: 'Projet reporté' }, headers: { 'if-match': '"3"' } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const message = await events.waitFor((m) => m.headers['ce_type'] === 'fr.sante.guichet.intake.request-withdrawn.v1' && m.key === other);
    expect(message.data).toMatchObject({ reason: 'Projet reporté' });
    const again = await api('POST', `/v1/requests/${other}/withdraw`, { token: karim, body: {}, headers: { 'if-match': '"4"' } });
    expect(again.status).toBe(409);
  });

  it('exports all the candidate’s data', async () => {
    const exported = await api<Record<string, unknown>>('GET', '/v1/me/export', { token: lea });
    expect(exported.status).toBe(200);
    expect(validateCandidateDataExport(exported.body).ok).toBe(true);
    expect(exported.body).toMatchObject({ requests: [expect.objectContaining({ id, data: expect.objectContaining({ identity: { firstName: 'Léa', lastName: 'Martinez' } }) })] });
  });

  it('erases every personal field from the database and emits request-erased', async () => {
    const caseworker = await tokenOf('ars.cvl');
    await call(intake.url, 'POST', `/v1/cases/${id}/comments`, { token: caseworker, body: { text: 'Appel de Léa Martinez le 12' } });
    const reviewed = await call(intake.url, 'POST', `/v1/cases/${id}/status`, { token: caseworker, body: { to: 'under_review', reason: 'Dossier de Mme Martinez pris en charge' }, headers: { 'if-match': '"5"' } });
    expect(reviewed.status).toBe(200);
    const erased = await api<{ candidateId: string; erasedRequestIds: string[] }>('POST', '/v1/me/erasure', { token: lea, headers: { 'idempotency-key': 'lea-erasure-0001' } });
    expect(erased.status).toBe(200);
    expect(erased.body.erasedRequestIds).toEqual([id]);
    await events.waitFor((m) => m.headers['ce_type'] === 'fr.sante.guichet.intake.request-erased.v1' && m.key === id);
    const personal = [LEA.firstName, LEA.lastName, LEA.email, LEA.phone, LEA.hospitalName, LEA.notes, erased.body.candidateId];
    // The follow-up runs in the background: give it a moment before looking everywhere.
    await eventually(async () => ((await documentsContaining(intake.db, personal)).length === 0 ? true : undefined), 5000).catch(() => undefined);
    expect(await documentsContaining(intake.db, personal)).toEqual([]);
    expect((await api('GET', `/v1/requests/${id}`, { token: lea })).status).toBe(404);
    const audit = await call<{ items: Array<{ action: string; reason?: string; changes?: unknown[] }> }>(intake.url, 'GET', `/v1/cases/${id}/audit`, { token: await tokenOf('admin.demo') });
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((entry) => entry.action)).toEqual(expect.arrayContaining(['create-draft', 'submit', 'change-status', 'erase']));
    expect(audit.body.items.every((entry) => entry.reason === undefined && entry.changes === undefined)).toBe(true);
  });
});
