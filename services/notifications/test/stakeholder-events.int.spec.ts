import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { connectMongo, type MongoHandle } from '@guichet/platform';
import type { RunningNotifications } from '../src/main.js';
import {
  allConsents,
  bundleAccepted,
  completeRequest,
  newCaseIds,
  proposalsComputed,
  requestErased,
  requestSubmitted,
  reservationConfirmed,
  statusChanged,
} from './fixtures.js';
import { clientCredentialsToken } from '../../../tests/harness/tokens.js';
import { api, CasePublisher, consumedAll, eventually, readAll, readTopics, SmtpSink, stackEnv, startService, unique, uniqueTopics, type WireMessage } from './harness.js';

// The stack is shared by every engineer's runs: generous guards, never timing assertions.
jest.setTimeout(180_000);

const topics = uniqueTopics();
const database = unique('notifications_stakeholders_');
const groupPrefix = unique('notifications-stakeholders-');
const stakeholderTopics = Object.values(topics.stakeholder);

let service: RunningNotifications;
let publisher: CasePublisher;
let smtp: SmtpSink;
let mongo: MongoHandle;

beforeAll(async () => {
  smtp = await new SmtpSink().start();
  publisher = await CasePublisher.open(topics);
  service = await startService({ database, groupPrefix, topics, smtpPort: smtp.port });
  mongo = await connectMongo({ uri: stackEnv().mongoUri, dbName: database });
});

afterAll(async () => {
  await service?.stop();
  await publisher?.close();
  await smtp?.close();
  await mongo?.db.dropDatabase();
  await mongo?.close();
});

/** The service has read every input and no written stakeholder event waits in the outbox. */
async function settled(): Promise<void> {
  await eventually(async () => {
    expect(await consumedAll(`${groupPrefix}-projections`, [topics.intakeRequests, topics.matchingProposals])).toBe(true);
    expect(await mongo.db.collection('outbox').countDocuments()).toBe(0);
  });
}

const processed = (requestId: string, eventId: string) =>
  eventually(async () => expect(await mongo.db.collection('cases').countDocuments({ _id: requestId, processedEventIds: eventId } as never)).toBe(1));

const sourceTypes = (messages: readonly WireMessage[], requestId: string, stakeholder: string) =>
  messages.filter((m) => m.key === requestId && m.data['stakeholder'] === stakeholder).map((m) => m.data['sourceEventType']);

describe('stakeholder streams', () => {
  it('carry each fact once per family, in order per case, even when inputs are delivered twice', async () => {
    const ids = newCaseIds();
    const submittedId = await publisher.publish(requestSubmitted(ids, completeRequest(allConsents)));
    await publisher.publish(requestSubmitted(ids, completeRequest(allConsents)), submittedId);
    // Intake and matching publish on two topics; as in production, each answers the other's last fact.
    await processed(ids.requestId, await publisher.publish(statusChanged(ids, 'submitted', 'under_review')));
    const proposalsId = await publisher.publish(proposalsComputed(ids));
    await publisher.publish(proposalsComputed(ids), proposalsId);
    await processed(ids.requestId, proposalsId);
    await processed(ids.requestId, await publisher.publish(bundleAccepted(ids)));
    const confirmedId = await publisher.publish(reservationConfirmed(ids));
    await publisher.publish(reservationConfirmed(ids), confirmedId);
    await processed(ids.requestId, confirmedId);
    await publisher.publish(requestErased(ids));
    await settled();

    const messages = await readAll(stakeholderTopics);
    expect(sourceTypes(messages, ids.requestId, 'ars')).toEqual([
      'request-submitted',
      'request-status-changed',
      'proposals-computed',
      'bundle-accepted',
      'reservation-confirmed',
      'request-erased',
    ]);
    expect(sourceTypes(messages, ids.requestId, 'cpam')).toEqual(['request-submitted', 'request-status-changed', 'bundle-accepted', 'reservation-confirmed', 'request-erased']);
    expect(sourceTypes(messages, ids.requestId, 'ordre')).toEqual(['request-submitted', 'request-status-changed', 'reservation-confirmed', 'request-erased']);
    expect(sourceTypes(messages, ids.requestId, 'collectivites')).toEqual(['request-submitted', 'proposals-computed', 'bundle-accepted', 'reservation-confirmed', 'request-erased']);
    const eventIds = messages.map((m) => m.headers['ce_id']);
    expect(new Set(eventIds).size).toBe(eventIds.length);
  });

  it('publish minimised CloudEvents in binary mode, keyed by case, with the territory to filter on', async () => {
    const ids = newCaseIds();
    await publisher.publish(requestSubmitted(ids, completeRequest({ ars: false, cpam: false, ordre: true, collectivites: false })));
    const [ordre] = await readTopics([topics.stakeholder.ordre], (received) => received.some((m) => m.key === ids.requestId)).then((all) => all.filter((m) => m.key === ids.requestId));
    expect(ordre?.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'fr.sante.guichet.stakeholder.ordre.request-submitted.v1',
      ce_source: '/guichet/notifications',
      ce_subject: ids.requestId,
      'content-type': 'application/json',
    });
    expect(ordre?.data).toMatchObject({ stakeholder: 'ordre', territory: { regions: ['24'], departements: ['37'] }, personalData: { href: `/v1/partner-cases/${ids.requestId}/personal-data` } });
    expect(JSON.stringify(ordre?.data)).not.toMatch(/Martin|lea\.martin|10001234565/);
    const [ars] = await readTopics([topics.stakeholder.ars], (received) => received.some((m) => m.key === ids.requestId)).then((all) => all.filter((m) => m.key === ids.requestId));
    expect(ars?.data).not.toHaveProperty('identity');
    expect(JSON.stringify(ars?.data)).not.toMatch(/Martin|lea\.martin|education-enseignement|professeure/);
  });

  it('serve the identity the Ordre may know through an authenticated call, to the Ordre only, and no more once the case is erased', async () => {
    const ids = newCaseIds();
    await publisher.publish(requestSubmitted(ids, completeRequest({ ars: false, cpam: false, ordre: true, collectivites: false })));
    await readTopics([topics.stakeholder.ordre], (received) => received.some((m) => m.key === ids.requestId));
    const path = `/v1/partner-cases/${ids.requestId}/personal-data`;
    const [ordre, ars] = await Promise.all([clientCredentialsToken('partner-ordre'), clientCredentialsToken('partner-ars')]);
    const read = await api(service.url, ordre, 'GET', path);
    expect({ status: read.status, body: read.body }).toEqual({ status: 200, body: { requestId: ids.requestId, identity: { firstName: 'Léa', lastName: 'Martin', rpps: '10001234565' } } });
    expect((await api(service.url, ars, 'GET', path)).status).toBe(404);
    expect((await api(service.url, undefined, 'GET', path)).status).toBe(401);
    await publisher.publish(requestErased(ids));
    await eventually(async () => expect((await api(service.url, ordre, 'GET', path)).status).toBe(404));
  });

  it('send a message outside its contract to the DLQ with the reason, and go on', async () => {
    const ids = newCaseIds();
    const broken = requestSubmitted(ids);
    await publisher.publishRaw(topics.intakeRequests, { id: 'broken-1', type: broken.type, key: ids.requestId, data: { ...broken.data, territory: { regions: ['99'] } } });
    const [dead] = await readTopics([`${topics.intakeRequests}.dlq`], (received) => received.some((m) => m.headers['ce_id'] === 'broken-1'));
    expect(dead?.headers['dlq_reason']).toMatch(/territory/);
    const next = newCaseIds();
    await publisher.publish(requestSubmitted(next));
    await readTopics([topics.stakeholder.ars], (received) => received.some((m) => m.key === next.requestId));
  });
});
