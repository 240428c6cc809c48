import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validateCaseAccesses, type CaseAccesses } from '@guichet/contracts';
import { Outbox, type MongoHandle, type OutboxEntry, type OutboxPublisher } from '@guichet/platform';
import { newCaseIds } from '../../../test/fixtures.js';
import { openDatabase, unique } from '../../../test/harness.js';
import { webhookDisclosure } from '../../domain/disclosures.js';
import { OutboxDisclosureLog } from './outbox-disclosure-log.js';

// The webhooks delivered in one pass of the scheduler, recorded for the candidates' access logs:
// one write of the outbox, one record per case on the access topic.

const database = unique('notifications_disclosures_');
let mongo: MongoHandle;

beforeAll(async () => {
  mongo = await openDatabase(database);
});

afterAll(async () => {
  await mongo?.db.dropDatabase();
  await mongo?.close();
});

const ars = { clientId: 'partner-ars', stakeholder: 'ars' as const, scope: { regions: ['24'], departements: [] } };
const cpam = { clientId: 'partner-cpam', stakeholder: 'cpam' as const, scope: { regions: [], departements: ['37'] } };
const submitted = 'fr.sante.guichet.stakeholder.ars.request-submitted.v1';

describe('disclosures recorded through the outbox', () => {
  it('are one write and one record per case, each disclosure under its id, published once', async () => {
    const outbox = new Outbox(mongo.db);
    const published: Array<{ key: string; entries: readonly OutboxEntry[] }> = [];
    const publisher = { publish: async (key: string, entries: readonly OutboxEntry[]) => void published.push({ key, entries }) } as unknown as OutboxPublisher;
    const log = new OutboxDisclosureLog(outbox, publisher);
    const [one, two] = [newCaseIds().requestId, newCaseIds().requestId];
    const pass = [
      webhookDisclosure({ id: 'd-1', eventType: submitted, requestId: one }, ars, '2026-12-07T10:00:01Z'),
      webhookDisclosure({ id: 'd-2', eventType: submitted, requestId: two }, ars, '2026-12-07T10:00:02Z'),
      webhookDisclosure({ id: 'd-3', eventType: submitted, requestId: one }, cpam, '2026-12-07T10:00:03Z'),
    ];

    await log.record(pass);
    await log.record([...pass].reverse());

    expect(published).toHaveLength(1);
    const [write] = published;
    expect(await outbox.pending.countDocuments({ _id: write?.key ?? '' })).toBe(1);
    const records = (write?.entries ?? []) as Array<OutboxEntry & { data: CaseAccesses }>;
    expect(records.map((r) => [r.type, r.key, r.data.accesses.map((a) => a.id)])).toEqual([
      ['fr.sante.guichet.audit.case-accesses.v1', one, [pass[0]?.id, pass[2]?.id]],
      ['fr.sante.guichet.audit.case-accesses.v1', two, [pass[1]?.id]],
    ]);
    for (const record of records) expect(validateCaseAccesses(record.data).ok).toBe(true);
    expect(records[0]?.data.accesses[1]).toEqual({
      id: pass[2]?.id, at: '2026-12-07T10:00:03Z', actorKind: 'partner', actorId: 'partner-cpam',
      organisation: 'Assurance Maladie (CPAM) Indre-et-Loire', action: 'disclosure', channel: 'webhook', what: 'Dépôt de votre demande',
    });
  });
});
