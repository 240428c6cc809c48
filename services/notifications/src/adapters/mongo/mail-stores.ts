import { applyOnce } from '@guichet/platform';
import type { mongo } from 'mongoose';
import type { EmailQueue, MailboxStore, QueuedEmail } from '../../application/ports.js';
import type { Recipient } from '../../domain/candidate-emails.js';
import { insertIfAbsent } from './collections.js';

interface MailboxDocument {
  _id: string;
  recipient?: Recipient;
  processedEventIds?: string[];
}

/** The candidate's address, per case, for as long as the case needs it. */
export class MongoMailboxStore implements MailboxStore {
  constructor(private readonly collection: mongo.Collection<MailboxDocument>) {}

  async setRecipient(requestId: string, eventId: string, recipient: Recipient | undefined): Promise<void> {
    const update = recipient ? { $set: { recipient } } : { $unset: { recipient: '' } };
    await applyOnce(this.collection, { _id: requestId }, eventId, update as mongo.UpdateFilter<MailboxDocument>, { upsert: true });
  }

  async recipient(requestId: string): Promise<Recipient | undefined> {
    return (await this.collection.findOne({ _id: requestId }, { projection: { recipient: 1 } }))?.recipient;
  }
}

interface EmailDocument {
  _id: string;
  requestId: string;
  kind: string;
  to?: string;
  subject: string;
  text?: string;
  status: 'pending' | 'sent' | 'failed' | 'cancelled';
  attempts: number;
  nextAttemptAt: Date;
  claimedUntil: Date;
  queuedAt: Date;
  sentAt?: Date;
}

export class MongoEmailQueue implements EmailQueue {
  constructor(private readonly collection: mongo.Collection<EmailDocument>) {}

  async enqueue({ id, requestId, kind, to, subject, text, attempts }: QueuedEmail, at: Date): Promise<void> {
    await insertIfAbsent(this.collection, [{ _id: id, requestId, kind, to, subject, text, attempts, status: 'pending', nextAttemptAt: at, claimedUntil: new Date(0), queuedAt: at }]);
  }

  async cancel(requestId: string): Promise<void> {
    await this.collection.updateMany({ requestId, status: 'pending' }, { $set: { status: 'cancelled' }, $unset: { to: '', text: '' } });
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<QueuedEmail[]> {
    const due = await this.collection.find({ status: 'pending', nextAttemptAt: { $lte: now }, claimedUntil: { $lt: now } }).sort({ nextAttemptAt: 1 }).limit(limit).toArray();
    const claimed: QueuedEmail[] = [];
    for (const doc of due) {
      const taken = await this.collection.updateOne({ _id: doc._id, status: 'pending', claimedUntil: { $lt: now } }, { $set: { claimedUntil: leaseUntil } });
      if (taken.modifiedCount === 1 && doc.to !== undefined && doc.text !== undefined) {
        claimed.push({ id: doc._id, requestId: doc.requestId, kind: doc.kind, to: doc.to, subject: doc.subject, text: doc.text, attempts: doc.attempts });
      }
    }
    return claimed;
  }

  async markSent(id: string, at: Date): Promise<void> {
    // Once sent, the address and the text are no longer needed: only the fact of sending stays.
    await this.collection.updateOne({ _id: id }, { $set: { status: 'sent', sentAt: at }, $unset: { to: '', text: '' } });
  }

  async markFailed(id: string, attempts: number, retryAt: Date | undefined): Promise<void> {
    const set = retryAt ? { attempts, nextAttemptAt: retryAt, claimedUntil: new Date(0) } : { attempts, status: 'failed' as const };
    await this.collection.updateOne({ _id: id }, { $set: set, ...(retryAt ? {} : { $unset: { to: '', text: '' } }) });
  }
}
