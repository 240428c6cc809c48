import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cloudEventSources, type AccessLogEntry, type CaseAccessed } from '@guichet/contracts';
import type { OutboundEvent } from '@guichet/platform';
import { accessTopicOf } from '../../config.js';
import { call, eventually, startTestIntake, submittedCase, tokenOf, watchTopic, type TestIntake } from '../test-support.js';

// Accesses reported by matching and notifications through the real Kafka: each written once to the
// candidate's access log, whatever redeliveries; one outside the contract goes to the dead letters.

let intake: TestIntake;
let dlq: Awaited<ReturnType<typeof watchTopic>>;
let lea: string;
let requestId: string;

const TYPE = 'fr.sante.guichet.audit.case-accessed.v1';

function accessed(data: CaseAccessed, id: string = randomUUID()): OutboundEvent {
  return { id, type: TYPE, source: cloudEventSources.notifications, subject: data.requestId, time: data.at, key: data.requestId, data };
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
      const log = (await accessLog()).filter((e) => e.action === 'disclosure' || e.action === 'proposals-read');
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
