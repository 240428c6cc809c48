import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MongoHandle } from '@guichet/platform';
import { openDatabase, unique } from '../../../test/harness.js';
import { database, ensureIndexes } from './collections.js';
import { MongoEmailQueue, MongoMailboxStore } from './mail-stores.js';

let handle: MongoHandle;
const mailboxes = () => new MongoMailboxStore(database(handle).collection('mailboxes'), database(handle).collection('mailbox_claims'));
const queues = () => new MongoEmailQueue(database(handle).collection('emails'), database(handle).collection('email_claims'));

beforeAll(async () => {
  handle = await openDatabase(unique('notifications_mail_'));
  await ensureIndexes(database(handle));
  await Promise.all([mailboxes().ensureIndexes(), queues().ensureIndexes()]);
});

afterAll(async () => {
  await handle.db.dropDatabase();
  await handle.close();
});

const alice = { email: 'alice@example.org', firstName: 'Alice', lastName: 'Martin' };

describe('mail stores of two instances', () => {
  it('give no address that another instance forgot since, nor write over its change', async () => {
    const [one, other] = [mailboxes(), mailboxes()];
    await one.setRecipient('case-1', 'submitted', alice);
    expect(await one.recipient('case-1')).toEqual(alice);

    await other.setRecipient('case-1', 'erased', undefined);
    expect(await one.recipient('case-1')).toBeUndefined();
    await other.setRecipient('case-1', 'updated', { ...alice, email: 'alice@example.net' });
    await one.setRecipient('case-1', 'closed', undefined);
    expect(await other.recipient('case-1')).toBeUndefined();
    const stored = await database(handle).collection('mailboxes').findOne({ _id: 'case-1' } as never);
    expect(stored).toMatchObject({ revision: 4, processedEventIds: ['submitted', 'erased', 'updated', 'closed'] });
  });

  it('take a submission for the case’s first event only as a guess: read again after later changes, it changes nothing', async () => {
    const [one, other] = [mailboxes(), mailboxes()];
    await one.setRecipient('case-4', 'submitted', alice, true);
    await one.setRecipient('case-4', 'updated', { ...alice, lastName: 'Durand' });
    await other.setRecipient('case-4', 'submitted', alice, true);
    await one.setRecipient('case-4', 'submitted', alice, true);
    expect(await other.recipient('case-4')).toEqual({ ...alice, lastName: 'Durand' });
    const stored = await database(handle).collection('mailboxes').findOne({ _id: 'case-4' } as never);
    expect(stored).toMatchObject({ revision: 2, processedEventIds: ['submitted', 'updated'] });
  });

  it('send an e-mail once: a sender whose listing is behind another instance’s take does not take it, nor settle it', async () => {
    const [one, other] = [queues(), queues()];
    const now = new Date('2026-12-07T12:00:00Z');
    const lease = new Date(now.getTime() + 60_000);
    await one.enqueue({ id: 'mail-1', requestId: 'case-2', kind: 'submitted', to: alice.email, subject: 'Objet', text: 'Texte', attempts: 0 }, now);
    expect((await one.due(now, 10)).map((e) => e.id)).toEqual(['mail-1']);
    expect((await other.due(now, 10)).map((e) => e.id)).toEqual(['mail-1']);

    expect(await other.take('mail-1', now, lease)).toBe(true);
    expect(await one.take('mail-1', now, lease)).toBe(false);
    await other.markSent('mail-1', now);
    await one.markFailed('mail-1', 1, new Date(now.getTime() + 30_000));
    expect(await one.due(new Date(now.getTime() + 3_600_000), 10)).toEqual([]);
    const stored = await database(handle).collection('emails').findOne({ _id: 'mail-1' } as never);
    expect(stored).toMatchObject({ status: 'sent', attempts: 0 });
    expect(stored?.['to']).toBeUndefined();
  });

  it('list as due no e-mail whose stored document is behind a take (its writer stopped between its claim and its write)', async () => {
    const [one, other] = [queues(), queues()];
    const now = new Date('2026-12-07T12:00:00Z');
    const emails = database(handle).collection('emails');
    for (const id of ['mail-3', 'mail-4']) await one.enqueue({ id, requestId: 'case-5', kind: 'submitted', to: alice.email, subject: 'Objet', text: 'Texte', attempts: 0 }, now);
    const queued = await emails.findOne({ _id: 'mail-3' } as never);
    expect(await other.take('mail-3', now, new Date(now.getTime() + 60_000))).toBe(true);
    await emails.replaceOne({ _id: 'mail-3' } as never, queued as never);

    expect((await one.due(now, 10)).map((e) => e.id)).toEqual(['mail-4']);
    expect(await one.take('mail-3', now, new Date(now.getTime() + 60_000))).toBe(false);
  });

  it('cancel, for the erasure, an e-mail another instance took, which that sender then does not mark sent', async () => {
    const [one, other] = [queues(), queues()];
    const now = new Date('2026-12-07T12:00:00Z');
    await one.enqueue({ id: 'mail-2', requestId: 'case-3', kind: 'submitted', to: alice.email, subject: 'Objet', text: 'Texte', attempts: 0 }, now);
    await one.due(now, 10);
    expect(await other.take('mail-2', now, new Date(now.getTime() + 60_000))).toBe(true);
    await one.cancel('case-3');
    await other.markSent('mail-2', now);
    const stored = await database(handle).collection('emails').findOne({ _id: 'mail-2' } as never);
    expect(stored).toMatchObject({ status: 'cancelled' });
    expect(stored?.['text']).toBeUndefined();
  });
});
