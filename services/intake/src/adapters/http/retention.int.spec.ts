import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, completeRequest, documentsContaining, eventually, followedUp, KARIM, LEA, startTestIntake, submittedCase, tokenOf, watchTopic, type TestIntake } from '../test-support.js';

// Closed cases are kept CLOSED_CASE_RETENTION_DAYS (365 by default) after their last change, then erased.

let intake: TestIntake;
let events: Awaited<ReturnType<typeof watchTopic>>;
let lea: string;
let karim: string;

beforeAll(async () => {
  intake = await startTestIntake('retention');
  events = await watchTopic(intake.config.INTAKE_TOPIC);
  lea = await tokenOf('interne.demo');
  karim = await tokenOf('interne2.demo');
});

afterAll(async () => {
  await events?.stop();
  await intake?.close();
});

describe('retention of closed cases', () => {
  it('erases a case closed for longer than its retention, and no case still open', async () => {
    const closed = await submittedCase(intake.url, karim, completeRequest(undefined, KARIM));
    const withdrawn = await call(intake.url, 'POST', `/v1/requests/${closed.id}/withdraw`, { token: karim, body: { reason: 'Projet abandonné' }, headers: { 'if-match': `"${closed.version}"` } });
    expect(withdrawn.status).toBe(200);
    const open = await submittedCase(intake.url, lea, completeRequest(undefined, LEA));

    expect(await intake.service.purgeClosedCases()).toBe(0);
    intake.clock.advanceDays(366);
    expect(await intake.service.purgeClosedCases()).toBe(1);

    await events.waitFor((m) => m.key === closed.id && m.headers['ce_type'] === 'fr.sante.guichet.intake.request-erased.v1');
    await eventually(async () => ((await followedUp(intake.db)) ? true : undefined));
    expect((await call(intake.url, 'GET', `/v1/requests/${closed.id}`, { token: karim })).status).toBe(404);
    expect((await call(intake.url, 'GET', `/v1/requests/${open.id}`, { token: lea })).status).toBe(200);
    expect(await documentsContaining(intake.db, [KARIM.lastName, KARIM.email, KARIM.notes])).toEqual([]);
    expect(await intake.service.purgeClosedCases()).toBe(0);
  });
});
