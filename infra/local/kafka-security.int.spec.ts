import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { consoleConsume, consoleProduce, refusedAccess, type ConsoleIdentity } from '../../tests/harness/kafka-console.js';
import { partnerSecret } from '../../tests/harness/tokens.js';

// What the broker lets through, asked with Kafka's own console tools (not the project's client):
// who is not authenticated gets nothing, each partner reads the streams of its own territory only
// and writes nowhere.

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
    const read = await consoleConsume(admin, probeTopic, { group: group('admin') });
    expect(read.stdout).toContain(probe);

    const forged = `forged-${randomUUID()}`;
    const [anonymousRead] = await Promise.all([
      consoleConsume(anonymous, probeTopic, { group: group('anonymous'), waitMs: 6000 }),
      consoleProduce(anonymous, probeTopic, [`${forged}:événement forgé`]),
    ]);
    expect(anonymousRead.stdout).not.toContain(probe);
    const after = await consoleConsume(admin, probeTopic, { group: group('admin') });
    expect(after.stdout).toContain(probe);
    expect(after.stdout).not.toContain(forged);
  }, 120_000);

  it("lets partner-cpam (37) read its département's stream but not another's, its family's whole log, the ARS streams, the requests or a dead-letter topic", async () => {
    // Four JVMs at a time at most: the machine is small.
    const read = (topics: readonly string[]) => Promise.all(topics.map((topic) => consoleConsume(partner('partner-cpam'), topic, { group: group('partner-cpam'), waitMs: 4000 })));
    const [own] = await read(['stakeholder.cpam.departement-37.v1']);
    const refusals = [
      ...(await read(['stakeholder.cpam.departement-41.v1', 'stakeholder.cpam.v1', 'stakeholder.ars.region-24.v1', 'stakeholder.ars.v1'])),
      ...(await read(['intake.requests.v1', probeTopic])),
    ];
    expect(own && refusedAccess(own)).toBe(false);
    expect(own?.code).toBe(0);
    for (const refused of refusals) {
      expect(refusedAccess(refused)).toBe(true);
      expect(refused.stdout.trim()).toBe('');
    }
  }, 180_000);

  it('refuses a partner a consumer group outside its own prefix', async () => {
    const run = await consoleConsume(partner('partner-cpam'), 'stakeholder.cpam.departement-37.v1', { group: group('notifications') });
    expect(refusedAccess(run)).toBe(true);
  }, 120_000);

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
  }, 180_000);
});
