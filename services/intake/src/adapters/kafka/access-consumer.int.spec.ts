import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cloudEventSources, type AccessLogEntry, type CaseAccessed, type CaseAccesses } from '@guichet/contracts';
import type { OutboundEvent } from '@guichet/platform';
import { accessTopicOf } from '../../config.js';
import { call, eventually, startTestIntake, submittedCase, tokenOf, watchTopic, type TestIntake } from '../test-support.js';

// Accesses reported by matching and notifications through the real Kafka: each written once to the
// candidate's access log, whatever redeliveries; one outside the contract goes to the dead letters.

let intake: TestIntake;
let dlq: Awaited<ReturnType<typeof watchTopic>>;
let lea: string;
let requestId: string;

type Access = CaseAccesses['accesses'][number];

/** One access per event, as matching and notifications published them before records of several. */
function accessed(data: CaseAccessed, id: string = randomUUID()): OutboundEvent {
  return { id, type: 'fr.sante.guichet.audit.case-accessed.v1', source: cloudEventSources.notifications, subject: data.requestId, time: data.at, key: data.requestId, data };
}

function record(accesses: Access[]): OutboundEvent {
  const data: CaseAccesses = { requestId, accesses };
  return { id: randomUUID(), type: 'fr.sante.guichet.audit.case-accesses.v1', source: cloudEventSources.notifications, subject: requestId, time: new Date().toISOString(), key: requestId, data };
}

const publish = (...events: OutboundEvent[]) => intake.matching.publish(accessTopicOf(intake.config), events);
const accessLog = async () => (await call<{ items: AccessLogEntry[] }>(intake.url, 'GET', `/v1/requests/${requestId}/access-log`, { token: lea })).body.items;

beforeAll(async () => {
  intake = await startTestIntake('access');
  dlq = await watchTopic(`${accessTopicOf(intake.config)}.dlq`);
  lea = await tokenOf('interne.demo');
  requestId = (await submittedCase(intake.url, lea)).id;
});

afterAll(async () => {
  await dlq?.stop();
  await intake?.close();
});

describe('consumer of audit.case-access.v1', () => {
  it('writes every access of a record to the candidate’s access log, each once whatever record repeats it', async () => {
    const now = Date.now();
    const at = (ms: number) => new Date(now + ms).toISOString();
    const stream = (organisation: string, actorId: string, ms: number): Access => ({ id: randomUUID(), at: at(ms), actorKind: 'partner', actorId, organisation, action: 'disclosure', channel: 'kafka', what: 'Propositions d’installation calculées' });
    const ars = stream('Agence régionale de santé Centre-Val de Loire', 'partner-ars', 0);
    const cpam = stream('Assurance Maladie (CPAM) Indre-et-Loire', 'partner-cpam', 1);
    const ordre = stream('Ordre des médecins Indre-et-Loire', 'stakeholder.ordre.departement-37.v1', 2);
    const webhook: Access = { ...ars, id: randomUUID(), at: at(1000), channel: 'webhook' };
    const first = record([ars, cpam, ordre]);
    await publish(first, first, record([cpam, webhook]));
    const ofThisTest = (log: AccessLogEntry[]) => log.filter((e) => e.what === 'Propositions d’installation calculées');
    const entries = await eventually(async () => {
      const log = ofThisTest(await accessLog());
      return log.some((e) => e.channel === 'webhook') ? log : undefined;
    });
    const shown = ({ id: _id, actorId: _actorId, ...access }: Access) => access;
    expect(entries).toEqual([ars, cpam, ordre, webhook].map(shown));
  });

  it('writes a disclosure to the candidate’s access log once, with who, what and when in French', async () => {
    const disclosure: CaseAccessed = {
      requestId,
      at: new Date().toISOString(),
      actorKind: 'partner',
      actorId: 'partner-cpam',
      organisation: 'Assurance Maladie (CPAM) Indre-et-Loire',
      action: 'disclosure',
      channel: 'webhook',
      what: 'Dépôt de votre demande',
    };
    const id = randomUUID();
    await publish(accessed(disclosure, id));
    await publish(accessed(disclosure, id));
    const read: CaseAccessed = { ...disclosure, at: new Date().toISOString(), actorKind: 'caseworker-cpam', actorId: 'cpam-37', actorName: 'cpam.37', action: 'proposals-read', channel: 'http', what: 'Propositions d’installation du dossier' };
    await publish(accessed(read));
    const entries = await eventually(async () => {
      const log = (await accessLog()).filter((e) => e.what === disclosure.what || e.action === 'proposals-read');
      return log.length >= 2 ? log : undefined;
    });
    expect(entries).toEqual([
      { at: disclosure.at, actorKind: 'partner', organisation: 'Assurance Maladie (CPAM) Indre-et-Loire', action: 'disclosure', channel: 'webhook', what: 'Dépôt de votre demande' },
      { at: read.at, actorKind: 'caseworker-cpam', actorName: 'cpam.37', organisation: 'Assurance Maladie (CPAM) Indre-et-Loire', action: 'proposals-read', channel: 'http', what: 'Propositions d’installation du dossier' },
    ]);
  });

  it('sends an access outside its contract to the dead letters, and writes nothing', async () => {
    const before = (await accessLog()).length;
    const broken = accessed({ requestId, at: new Date().toISOString(), actorKind: 'partner', actorId: 'partner-cpam', action: 'disclosure', channel: 'webhook', what: '<script>' });
    await publish(broken);
    await eventually(async () => (dlq.messages.some((m) => m.headers['ce_id'] === broken.id) ? true : undefined));
    expect((await accessLog()).length).toBe(before);
  });
});
