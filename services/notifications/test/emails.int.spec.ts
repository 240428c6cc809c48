import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { MongoHandle } from '@guichet/platform';
import type { RunningNotifications } from '../src/main.js';
import { completeRequest, newCaseIds, proposalsComputed, requestErased, requestSubmitted, reservationConfirmed, reservationRejected, statusChanged } from './fixtures.js';
import { CasePublisher, consumedAll, eventually, openDatabase, SmtpSink, startService, unique, uniqueTopics } from './harness.js';

// The stack is shared by every engineer's runs: generous guards, never timing assertions.
jest.setTimeout(180_000);

const topics = uniqueTopics();
const database = unique('notifications_emails_');
const groupPrefix = unique('notifications-emails-');
let service: RunningNotifications;
let publisher: CasePublisher;
let smtp: SmtpSink;
let mongo: MongoHandle;

beforeAll(async () => {
  smtp = await new SmtpSink().start();
  publisher = await CasePublisher.open(topics);
  service = await startService({ database, groupPrefix, topics, smtpPort: smtp.port });
  mongo = await openDatabase(database);
});

afterAll(async () => {
  await service?.stop();
  await publisher?.close();
  await smtp?.close();
  await mongo?.db.dropDatabase();
  await mongo?.close();
});

const mailsTo = (address: string) => smtp.mails.filter((m) => m.to === address);

/** Every case event was read and every queued e-mail handed to the relay. */
async function settled(): Promise<void> {
  await eventually(async () => {
    expect(await consumedAll(`${groupPrefix}-emails`, [topics.intakeRequests, topics.matchingProposals])).toBe(true);
    expect(await mongo.db.collection('emails').countDocuments({ status: { $in: ['pending', 'sending'] } })).toBe(0);
  });
}

/** Re-matching found offers better than every earlier proposal (matching marks the set so). */
function betterProposals(ids: ReturnType<typeof newCaseIds>) {
  const computed = proposalsComputed(ids);
  return { ...computed, data: { ...computed.data, proposalSetId: randomUUID(), improvement: { bundleId: ids.bundleId, rank: 1, score: 82.5, previousBestScore: 64 } } };
}

describe('candidate e-mails', () => {
  it('tell the candidate, in French, of each status change that matters, once per event', async () => {
    const ids = newCaseIds();
    const address = `${unique('lea.')}@example.org`;
    const events = [
      requestSubmitted(ids, completeRequest(undefined, address)),
      statusChanged(ids, 'submitted', 'under_review'),
      statusChanged(ids, 'under_review', 'awaiting_candidate'),
      statusChanged(ids, 'awaiting_candidate', 'proposals_ready'),
      // A recomputation alone is no news; one that finds a better bundle is.
      proposalsComputed(ids),
      betterProposals(ids),
      reservationRejected(ids),
      reservationConfirmed(ids),
      statusChanged(ids, 'in_progress', 'installed'),
    ];
    // Each step once the previous one is read, as intake and matching do: the two topics are read
    // independently, and an event read after the case ended (installed) e-mails no one.
    for (const event of events) {
      const id = await publisher.publish(event);
      await publisher.publish(event, id);
      await settled();
    }

    const subjects = mailsTo(address).map((m) => m.subject);
    expect([...subjects].sort()).toEqual(
      [
        'Votre demande d’installation a bien été déposée',
        'Le guichet a besoin d’informations complémentaires',
        'Vos propositions d’installation sont prêtes',
        'Une meilleure proposition d’installation vous attend',
        'Votre réservation n’a pas pu aboutir',
        'Votre réservation est confirmée',
        'Félicitations pour votre installation',
      ].sort(),
    );
    const question = mailsTo(address).find((m) => m.subject.startsWith('Le guichet a besoin'));
    expect(question?.text).toContain('Bonjour Léa Martin,');
    expect(question?.text).toContain('« Merci de préciser les dates de votre stage. »');
    expect(question?.text).toContain('Merci de répondre avant le 20 octobre 2026.');
    expect(new Set(mailsTo(address).map((m) => m.messageId)).size).toBe(subjects.length);

    // The case is over: the desk keeps neither the address nor the texts it sent.
    const stored = JSON.stringify([
      await mongo.db.collection('mailboxes').findOne({ _id: ids.requestId } as never),
      await mongo.db.collection('emails').find({ requestId: ids.requestId }).toArray(),
      // Nor the earlier revisions of the address and of each e-mail.
      await mongo.db.collection('mailbox_claims').find({ documentId: ids.requestId }).toArray(),
      await mongo.db.collection('email_claims').find({ 'document.requestId': ids.requestId }).toArray(),
    ]);
    expect(stored).not.toContain(address);
    expect(stored).not.toContain('Bonjour');
  });

  it('forget the address of an erased case and send nothing more to it', async () => {
    const ids = newCaseIds();
    const address = `${unique('effacee.')}@example.org`;
    await publisher.publish(requestSubmitted(ids, completeRequest(undefined, address)));
    await publisher.publish(requestErased(ids));
    await publisher.publish(statusChanged(ids, 'submitted', 'under_review'));
    await publisher.publish(statusChanged(ids, 'under_review', 'awaiting_candidate'));
    await settled();
    expect(mailsTo(address).every((m) => m.subject === 'Votre demande d’installation a bien été déposée')).toBe(true);
    expect(JSON.stringify(await mongo.db.collection('mailboxes').findOne({ _id: ids.requestId } as never))).not.toContain(address);
  });
});
