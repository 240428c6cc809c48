import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, completeRequest, eventually, followedUp, startTestIntake, submittedCase, tokenOf, type TestIntake } from '../test-support.js';

// Every bad input is answered 4xx with application/problem+json, and leaves the database exactly as it was.

let intake: TestIntake;
const ids = { draft: '', submitted: '' };

interface BadInput {
  name: string;
  user: 'interne.demo' | 'interne2.demo' | 'ars.cvl';
  method: string;
  path: (ids: { draft: string; submitted: string }) => string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  status: number;
}

const newDraft = (body: unknown, name: string, status = 400): BadInput => ({ name, user: 'interne2.demo', method: 'POST', path: () => '/v1/requests', body, status });
const updateDraft = (body: unknown, name: string, status = 400): BadInput => ({
  name,
  user: 'interne.demo',
  method: 'PUT',
  path: ({ draft }) => `/v1/requests/${draft}`,
  body,
  headers: { 'if-match': '"1"' },
  status,
});
const onCase = (method: string, suffix: string, body: unknown, name: string, status = 400, headers: Record<string, string> = { 'if-match': '"3"' }): BadInput => ({
  name,
  user: 'ars.cvl',
  method,
  path: ({ submitted }) => `/v1/cases/${submitted}${suffix}`,
  body,
  headers,
  status,
});

const tomorrowPlus = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const BAD_INPUTS: BadInput[] = [
  newDraft({ specialty: 42 }, 'wrong type: a number for the specialty'),
  newDraft({ consents: { ars: 'yes' } }, 'wrong type: a string for a consent'),
  newDraft({ targets: { radiusKm: 12.5 } }, 'wrong type: a decimal radius'),
  newDraft({ identity: 'Léa Martin' }, 'wrong type: a string for the identity object'),
  newDraft({ favouriteColour: 'blue' }, 'unknown field at the top'),
  newDraft({ identity: { firstName: 'Léa', nickname: 'Lé' } }, 'unknown nested field'),
  newDraft({ notes: '<script>alert(1)</script>' }, 'script injection in free text'),
  newDraft({ identity: { firstName: '<img src=x onerror=alert(1)>' } }, 'markup injection in a name'),
  newDraft({ faculty: 'Tours\u0007\u001b[31m' }, 'control characters in free text'),
  newDraft({ identity: { lastName: 'R2D2' } }, 'digits in a name'),
  newDraft({ targets: { communes: ['37999'] } }, 'unknown commune', 422),
  newDraft({ contact: { homeCommuneCode: '20004' } }, 'Corsican commune written with 20', 422),
  newDraft({ targets: { communes: ['2C004'] } }, 'Corsican commune with an impossible letter'),
  newDraft({ targets: { departements: ['20'] } }, 'Corsican département 20 (split into 2A and 2B)'),
  newDraft({ targets: { departements: ['2a'] } }, 'Corsican département in lower case'),
  newDraft({ targets: { communes: ['2A'] } }, 'a Corsican département given as a commune'),
  newDraft({ desiredInstallationDate: '2027-02-30' }, 'impossible date'),
  newDraft({ desiredInstallationDate: '01/05/2027' }, 'date in French notation'),
  newDraft({ desiredInstallationDate: '2020-01-01' }, 'desired installation in the past', 422),
  newDraft({ internship: { startDate: tomorrowPlus(60), endDate: tomorrowPlus(10) } }, 'internship ending before it starts', 422),
  newDraft({ needs: { housing: { from: tomorrowPlus(30), until: tomorrowPlus(20) } } }, 'housing ending before it starts', 422),
  newDraft({ needs: { premises: { surfaceM2Min: 40, surfaceM2Max: 20 } } }, 'premises smaller at most than at least', 422),
  newDraft({ previousAids: [{ category: 'installation', funder: 'commune', receivedOn: tomorrowPlus(30) }] }, 'aid received in the future', 422),
  newDraft({ rpps: '10001234566' }, 'RPPS with a wrong check digit'),
  newDraft({ rpps: '1000123456' }, 'RPPS too short'),
  newDraft({ contact: { email: 'lea@' } }, 'e-mail without domain'),
  newDraft({ contact: { phone: '12345' } }, 'phone number too short'),
  newDraft({ status: 'professor' }, 'candidate status outside the list'),
  newDraft({ specialty: 'astrologie' }, 'specialty outside the list'),
  newDraft({ practice: { sector: '4' } }, 'sector outside the list'),
  newDraft({ needs: { housing: { maxMonthlyRent: { amountCents: 40000, currency: 'USD' } } } }, 'money in another currency'),
  newDraft({ needs: { housing: { maxMonthlyRent: { amountCents: -5, currency: 'EUR' } } } }, 'negative money'),
  newDraft({ needs: { housing: { people: 0 } } }, 'nobody to house'),
  newDraft({ targets: { radiusKm: 500 } }, 'radius beyond 200 km'),
  newDraft({ targets: { communes: Array.from({ length: 21 }, (_, i) => `37${String(i + 1).padStart(3, '0')}`) } }, 'more than 20 target communes'),
  newDraft({ targets: { communes: ['37072', '37072'] } }, 'the same commune twice'),
  newDraft({ notes: 'x'.repeat(4001) }, 'free text over 4000 characters'),
  newDraft({ notes: 'x'.repeat(70_000) }, 'payload over the body limit', 413),
  { name: 'malformed JSON', user: 'interne2.demo', method: 'POST', path: () => '/v1/requests', rawBody: '{"status": ', status: 400 },
  { name: 'a JSON array instead of an object', user: 'interne2.demo', method: 'POST', path: () => '/v1/requests', body: [], status: 400 },
  { name: 'text/plain content type', user: 'interne2.demo', method: 'POST', path: () => '/v1/requests', rawBody: 'status=intern', headers: { 'content-type': 'text/plain' }, status: 415 },
  { name: 'form content type', user: 'interne2.demo', method: 'POST', path: () => '/v1/requests', rawBody: 'status=intern', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415 },
  { name: 'malformed Idempotency-Key', user: 'interne2.demo', method: 'POST', path: () => '/v1/requests', body: {}, headers: { 'idempotency-key': 'a b' }, status: 400 },
  updateDraft({ targets: { departements: ['99'] } }, 'update with a département that does not exist'),
  { ...updateDraft({ specialty: 'pediatrie' }, 'update without If-Match', 428), headers: {} },
  { ...updateDraft({ specialty: 'pediatrie' }, 'update with a malformed If-Match'), headers: { 'if-match': 'version 1' } },
  { ...updateDraft({ specialty: 'pediatrie' }, 'update with a stale version', 409), headers: { 'if-match': '"7"' } },
  { ...updateDraft({ specialty: 'pediatrie' }, 'update of a request id that is not a UUID', 404), path: () => '/v1/requests/not-a-uuid' },
  { name: 'submit an incomplete draft', user: 'interne.demo', method: 'POST', path: ({ draft }) => `/v1/requests/${draft}/submit`, headers: { 'if-match': '"1"' }, status: 422 },
  { name: 'withdraw with an unknown field', user: 'interne.demo', method: 'POST', path: ({ draft }) => `/v1/requests/${draft}/withdraw`, body: { reason: 'x', when: 'now' }, headers: { 'if-match': '"1"' }, status: 400 },
  onCase('POST', '/status', { to: 'done', reason: 'Fini' }, 'status that does not exist'),
  onCase('POST', '/status', { to: 'under_review', reason: 'ok' }, 'reason shorter than 3 characters'),
  onCase('POST', '/status', { to: 'installed', reason: 'Déjà installée' }, 'transition the lifecycle does not have', 409),
  onCase('POST', '/status', { to: 'awaiting_candidate', reason: 'Pièce manquante' }, 'waiting on the candidate without an information request', 422),
  onCase('POST', '/info-requests', { question: 'Votre convention ?', dueDate: '2020-01-01' }, 'information due in the past', 422),
  onCase('POST', '/info-requests', { question: 'Votre convention ?', dueDate: tomorrowPlus(7), fields: ['internship; drop'] }, 'information field with forbidden characters'),
  onCase('POST', '/comments', { text: '' }, 'empty comment', 400, {}),
  onCase('POST', '/comments', { text: 'Voir <b>ici</b>' }, 'markup in a comment', 400, {}),
  onCase('PUT', '/referent', { referentId: 'agent ars' }, 'referent id with a space'),
  { name: 'queue with an unknown sort', user: 'ars.cvl', method: 'GET', path: () => '/v1/cases?sort=name', status: 400 },
  { name: 'accept a bundle with ids that are not UUIDs', user: 'interne.demo', method: 'POST', path: ({ submitted }) => `/v1/requests/${submitted}/proposals/accept`, body: { proposalSetId: 'x', bundleId: 'y' }, headers: { 'if-match': '"3"' }, status: 400 },
  { name: 'decline without a reason', user: 'interne.demo', method: 'POST', path: ({ submitted }) => `/v1/requests/${submitted}/proposals/decline`, body: { proposalSetId: '7d1f6a52-3c2b-4c8e-a0f4-5b9e2d1c7a30' }, headers: { 'if-match': '"3"' }, status: 400 },
  { name: 'answer an information request that does not exist', user: 'interne.demo', method: 'POST', path: ({ submitted }) => `/v1/requests/${submitted}/info-requests/7d1f6a52-3c2b-4c8e-a0f4-5b9e2d1c7a30/answer`, body: { answer: 'Voici' }, status: 404 },
];

/** Every document of every collection: the whole stored state, to compare before and after. */
async function snapshot(): Promise<string> {
  const collections = (await intake.db.listCollections().toArray()).map((c) => c.name).sort();
  const parts: string[] = [];
  for (const name of collections) parts.push(name, JSON.stringify(await intake.db.collection(name).find().sort({ _id: 1 }).toArray()));
  return parts.join('\n');
}

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const { name } of await intake.db.listCollections().toArray()) result[name] = await intake.db.collection(name).countDocuments();
  return result;
}

beforeAll(async () => {
  intake = await startTestIntake('bad-inputs');
  const lea = await tokenOf('interne.demo');
  await tokenOf('interne2.demo');
  await tokenOf('ars.cvl');
  ids.submitted = (await submittedCase(intake.url, lea, completeRequest())).id;
  ids.draft = (await call<{ id: string }>(intake.url, 'POST', '/v1/requests', { token: lea, body: { status: 'intern' } })).body.id;
  // Background work (the follow-up of each write) done, so that only a request could change anything.
  await eventually(async () => ((await followedUp(intake.db)) ? true : undefined));
});

afterAll(async () => {
  await intake?.close();
});

describe('bad inputs', () => {
  it('has at least 40 of them', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(BAD_INPUTS.map((input) => [input.name, input] as const))('%s → 4xx problem, nothing stored', async (_name, input) => {
    const before = await snapshot();
    const countsBefore = await counts();
    const response = await call<{ type: string; title: string; status: number; detail: string }>(intake.url, input.method, input.path(ids), {
      token: await tokenOf(input.user),
      ...(input.body === undefined ? {} : { body: input.body }),
      ...(input.rawBody === undefined ? {} : { rawBody: input.rawBody }),
      ...(input.headers === undefined ? {} : { headers: input.headers }),
    });
    expect(response.status).toBe(input.status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ type: expect.stringMatching(/^https:\/\//), title: expect.any(String), status: input.status, detail: expect.any(String) });
    expect(response.body.detail).toMatch(/[a-zàâçéèêëîïôûùüÿœ]/i);
    expect(await counts()).toEqual(countsBefore);
    expect(await snapshot()).toBe(before);
  });
});
