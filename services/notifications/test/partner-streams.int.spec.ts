import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { stakeholderStreams, type Territory } from '@guichet/contracts';
import type { RunningNotifications } from '../src/main.js';
import { defaultTopicNames } from '../src/adapters/kafka/topic-names.js';
import { consoleConsume, recordCount, refusedAccess } from '../../../tests/harness/kafka-console.js';
import { partnerSecret } from '../../../tests/harness/tokens.js';
import { allConsents, BLOIS, completeRequest, newCaseIds, requestSubmitted } from './fixtures.js';
import { CasePublisher, readTopics, SmtpSink, startService, unique, uniqueTopics } from './harness.js';

// What a collectivité of Indre-et-Loire reads through Kafka, asked with Kafka's own console
// consumer as `partner-collectivite` (département 37 in the demo realm), against the ACLs of
// infra/kafka/topics.json: the streams are the deployed ones, since ACLs name them exactly; the
// inputs are this file's own topics.
jest.setTimeout(240_000);

const streams = defaultTopicNames.streams;
const stream37 = stakeholderStreams.collectivites['departement-37'];
const stream41 = stakeholderStreams.collectivites['departement-41'];
const topics = { ...uniqueTopics(), streams };
const collectivite = { kind: 'client', clientId: 'partner-collectivite', secret: partnerSecret } as const;
const group = () => unique('partner-collectivite-streams-test-');

const territory41 = (): Territory => ({ regions: ['24'], departements: ['41'], communes: [BLOIS] });

let service: RunningNotifications;
let publisher: CasePublisher;
let smtp: SmtpSink;

beforeAll(async () => {
  smtp = await new SmtpSink().start();
  publisher = await CasePublisher.open(topics);
  service = await startService({ database: unique('notifications_partner_streams_'), groupPrefix: unique('notifications-partner-streams-'), topics, smtpPort: smtp.port });
});

afterAll(async () => {
  await service?.stop();
  await publisher?.close();
  await smtp?.close();
});

/** `key<TAB>value` lines of the console consumer, the value parsed. */
const records = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => line.includes('\t'))
    .map((line) => {
      const [key = '', value = ''] = line.split(/\t(.*)/s);
      return { key, data: JSON.parse(value) as { territory?: Territory } };
    });

describe('territorial partner streams on Kafka', () => {
  it('give a collectivité of 37 the cases that concern 37 and nothing of a case that concerns only 41, whose stream it cannot read', async () => {
    const in37 = newCaseIds();
    const in41 = newCaseIds();
    // Everything of this case lies in 41: its targets, and its internship, which collectivités also hear of.
    const base = completeRequest(allConsents);
    const request41 = {
      ...base,
      contact: { ...base.contact, homeCommuneCode: BLOIS },
      internship: { ...base.internship, communeCode: BLOIS, hospitalName: 'Centre hospitalier de Blois' },
      targets: { communes: [BLOIS], departements: ['41'], radiusKm: 20 },
    } as ReturnType<typeof completeRequest>;
    await publisher.publish(requestSubmitted(in37));
    const submitted41 = requestSubmitted(in41, request41);
    await publisher.publish({ ...submitted41, data: { ...submitted41.data, territory: territory41() } });
    // Both cases reached their streams (read as the broker's admin), before the partner looks.
    const bothArrived = (received: readonly { key: string | null }[]) => [in37.requestId, in41.requestId].every((id) => received.some((m) => m.key === id));
    await readTopics([stream37, stream41], bothArrived, 120_000);

    // The whole stream as it is now, both cases in it: the run ends when it has read every record.
    const own = await consoleConsume(collectivite, stream37, { group: group(), max: await recordCount(stream37) });
    expect(refusedAccess(own)).toBe(false);
    const read = records(own.stdout);
    expect(read.some((r) => r.key === in37.requestId)).toBe(true);
    expect(read.some((r) => r.key === in41.requestId)).toBe(false);
    expect(read.filter((r) => !r.data.territory?.departements.includes('37'))).toEqual([]);

    const neighbour = await consoleConsume(collectivite, stream41, { group: group(), max: 1 });
    expect(refusedAccess(neighbour)).toBe(true);
    expect(neighbour.stdout).not.toContain(in41.requestId);
  });
});
