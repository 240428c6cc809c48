import { applyOnce, GroupCommit, isDuplicateKey } from '@guichet/platform';
import type { mongo } from 'mongoose';
import type { EmailQueue, MailboxStore, QueuedEmail } from '../../application/ports.js';
import type { Recipient } from '../../domain/candidate-emails.js';

interface MailboxDocument {
  _id: string;
  recipient?: Recipient;
  processedEventIds?: string[];
}

/** The candidate's address, per case, for as long as the case needs it. */
export class MongoMailboxStore implements MailboxStore {
  constructor(private readonly collection: mongo.Collection<MailboxDocument>) {}

  async setRecipient(requestId: string, eventId: string, recipient: Recipient | undefined): Promise<void> {
    // A case's first address is an insert; the guarded update (a scan of the collection on the
    // local MongoDB-wire server) is left to the rare changes that follow.
    if (recipient) {
      try {
        await this.collection.insertOne({ _id: requestId, recipient, processedEventIds: [eventId] });
        return;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
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
  queuedAt: Date;
  sentAt?: Date;
}

export class MongoEmailQueue implements EmailQueue {
  private readonly inserts: GroupCommit<EmailDocument>;

  constructor(private readonly collection: mongo.Collection<EmailDocument>) {
    this.inserts = new GroupCommit(collection);
  }

  async enqueue({ id, requestId, kind, to, subject, text, attempts }: QueuedEmail, at: Date): Promise<void> {
    await this.inserts.insertMany([{ _id: id, requestId, kind, to, subject, text, attempts, status: 'pending', nextAttemptAt: at, queuedAt: at }]);
  }

  async cancel(requestId: string): Promise<void> {
    await this.collection.updateMany({ requestId, status: 'pending' }, { $set: { status: 'cancelled' }, $unset: { to: '', text: '' } });
  }

  async due(now: Date, limit: number): Promise<QueuedEmail[]> {
    const due = await this.collection.find({ status: 'pending', nextAttemptAt: { $lte: now } }).sort({ nextAttemptAt: 1 }).limit(limit).toArray();
    return due.flatMap((doc) => (doc.to !== undefined && doc.text !== undefined ? [{ id: doc._id, requestId: doc.requestId, kind: doc.kind, to: doc.to, subject: doc.subject, text: doc.text, attempts: doc.attempts }] : []));
  }

  async markSent(id: string, at: Date): Promise<void> {
    // Once sent, the address and the text are no longer needed: only the fact of sending stays.
    await this.collection.updateOne({ _id: id }, { $set: { status: 'sent', sentAt: at }, $unset: { to: '', text: '' } });
  }

  async markFailed(id: string, attempts: number, retryAt: Date | undefined): Promise<void> {
    const set = retryAt ? { attempts, nextAttemptAt: retryAt } : { attempts, status: 'failed' as const };
    await this.collection.updateOne({ _id: id }, { $set: set, ...(retryAt ? {} : { $unset: { to: '', text: '' } }) });
  }
}
