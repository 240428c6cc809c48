import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { consoleConsume, consoleProduce, disconnectedByBroker, recordCount, refusedAccess, type ConsoleIdentity } from '../../tests/harness/kafka-console.js';
import { partnerSecret } from '../../tests/harness/tokens.js';

// What the broker lets through, asked with Kafka's own console tools (not the project's client):
// who is not authenticated gets nothing, each partner reads the streams of its own territory only
// and writes nowhere. Each run is judged on what the tool reports (records read, the broker's
// refusal, the broker hanging up), never on how long it took: a read allowed must show the probe,
// a read refused must say it was refused.

const anonymous: ConsoleIdentity = { kind: 'anonymous' };
const admin: ConsoleIdentity = { kind: 'admin' };
const partner = (clientId: string): ConsoleIdentity => ({ kind: 'client', clientId, secret: partnerSecret });
const group = (owner: string) => `${owner}-security-test-${randomUUID()}`;

// A dead-letter topic nobody consumes: the probe message disturbs no service.
const probeTopic = 'stakeholder.cpam.v1.dlq';

describe('Kafka authentication and authorization', () => {
  it('gives an anonymous client nothing: it neither reads what is there nor writes', async () => {
    const probe = `probe-${randomUUID()}`;
    const seeded = await consoleProduce(admin, probeTopic, [`${probe}:données du dossier`]);
    expect(seeded.code).toBe(0);
    // Every record the topic holds, so the admin's run ends when it has them all.
    const read = await consoleConsume(admin, probeTopic, { group: group('admin'), max: await recordCount(probeTopic) });
    expect(read.stdout).toContain(probe);

    const forged = `forged-${randomUUID()}`;
    // Neither run can end by itself (the broker answers nothing but a hang-up): each is watched
    // for a while, and what decides is what it reports, not the time.
    const [anonymousRead, anonymousWrite] = await Promise.all([
      consoleConsume(anonymous, probeTopic, { group: group('anonymous'), idleMs: 20_000 }),
      consoleProduce(anonymous, probeTopic, [`${forged}:événement forgé`]),
    ]);
    expect(disconnectedByBroker(anonymousRead)).toBe(true);
    expect(anonymousRead.stdout).not.toContain(probe);
    expect(disconnectedByBroker(anonymousWrite)).toBe(true);
    const after = await consoleConsume(admin, probeTopic, { group: group('admin'), max: await recordCount(probeTopic) });
    expect(after.stdout).toContain(probe);
    expect(after.stdout).not.toContain(forged);
  }, 300_000);

  it("lets partner-cpam (37) read its département's stream but not another's, its family's whole log, the ARS streams, the requests or a dead-letter topic", async () => {
    const own = 'stakeholder.cpam.departement-37.v1';
    const probe = `probe-${randomUUID()}`;
    expect((await consoleProduce(admin, own, [`${probe}:lecture autorisée`])).code).toBe(0);
    const read = (topic: string, max: number) => consoleConsume(partner('partner-cpam'), topic, { group: group('partner-cpam'), max });
    // Its own stream up to the probe just written: read to the end, it shows the probe.
    const allowed = await read(own, await recordCount(own));
    expect(refusedAccess(allowed)).toBe(false);
    expect(allowed.stdout).toContain(probe);
    // Four JVMs at a time at most: the machine is small. A refused run ends on the broker's answer.
    const refusals = [
      ...(await Promise.all(['stakeholder.cpam.departement-41.v1', 'stakeholder.cpam.v1', 'stakeholder.ars.region-24.v1', 'stakeholder.ars.v1'].map((topic) => read(topic, 1)))),
      ...(await Promise.all(['intake.requests.v1', probeTopic].map((topic) => read(topic, 1)))),
    ];
    for (const refused of refusals) {
      expect({ refused: refusedAccess(refused), read: refused.stdout.trim() }).toEqual({ refused: true, read: '' });
    }
  }, 400_000);

  it('refuses a partner a consumer group outside its own prefix', async () => {
    const run = await consoleConsume(partner('partner-cpam'), 'stakeholder.cpam.departement-37.v1', { group: group('notifications'), max: 1 });
    expect(refusedAccess(run)).toBe(true);
    expect(run.stderr).toContain('GroupAuthorizationException');
  }, 240_000);

  it('lets no partner write anywhere, its own stream included', async () => {
    const attempts: Array<[string, string]> = [
      ['partner-cpam', 'stakeholder.cpam.departement-37.v1'],
      ['partner-cpam', 'intake.requests.v1'],
      ['partner-collectivite', 'catalogue.offers.v1'],
      ['partner-ars', 'matching.proposals.v1'],
    ];
    // One at a time (the machine is small); the console producer exits 0 whatever happens to a
    // send, so the refusal is read in what it reports.
    for (const [client, topic] of attempts) {
      const attempt = await consoleProduce(partner(client), topic, ['faux:événement forgé']);
      expect({ client, topic, refused: refusedAccess(attempt), report: refusedAccess(attempt) ? '' : attempt.stderr.slice(-600) }).toEqual({ client, topic, refused: true, report: '' });
    }
  }, 600_000);
});
