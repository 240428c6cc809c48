import { ClaimedRevisions, claimKey, GroupCommit, PROCESSED_WINDOW, type RevisionClaim } from '@guichet/platform';
import type * as mongo from 'mongodb';
import type { EmailQueue, MailboxStore, QueuedEmail } from '../../application/ports.js';
import type { Recipient } from '../../domain/candidate-emails.js';
import { KeptRevisions, RevisedDocuments } from './revised-documents.js';

/** Writes of the same document that came first (another instance, a redelivery), before giving up. */
const RACES = 10;

export interface MailboxDocument {
  _id: string;
  revision?: number;
  recipient?: Recipient;
  processedEventIds?: string[];
}

/** The candidate's address, per case, for as long as the case needs it; each change claimed once per event id. */
export class MongoMailboxStore implements MailboxStore {
  private readonly documents: RevisedDocuments<MailboxDocument>;

  constructor(collection: mongo.Collection<MailboxDocument>, claims: mongo.Collection<RevisionClaim<MailboxDocument>>) {
    this.documents = new RevisedDocuments(collection, claims);
  }

  ensureIndexes(): Promise<void> {
    return this.documents.ensureIndexes();
  }

  async setRecipient(requestId: string, eventId: string, recipient: Recipient | undefined, opensCase = false): Promise<void> {
    for (let race = 0; race < RACES; race += 1) {
      // A case's first event finds no mailbox, unless it comes again: the write made as new is then refused, and the mailbox read.
      const current = race === 0 && opensCase ? undefined : await this.documents.read(requestId);
      const seen = current?.processedEventIds ?? [];
      if (seen.includes(eventId)) return;
      const revision = current?.revision ?? 0;
      const next: MailboxDocument = { _id: requestId, ...(recipient ? { recipient } : {}), processedEventIds: [...seen.slice(-(PROCESSED_WINDOW - 1)), eventId] };
      if ((await this.documents.write(requestId, revision, next)) === 'lost') continue;
      // The earlier revisions hold the address that is no longer needed.
      if (!recipient) await this.documents.revisions.forgetBefore(requestId, revision + 1);
      return;
    }
    throw new Error(`adresse du dossier ${requestId} : écriture concurrente persistante`);
  }

  async recipient(requestId: string): Promise<Recipient | undefined> {
    return (await this.documents.read(requestId))?.recipient;
  }
}

export interface EmailDocument {
  _id: string;
  revision?: number;
  requestId: string;
  kind: string;
  to?: string;
  subject: string;
  text?: string;
  /** `sending`: taken by a sender until `nextAttemptAt`, then due again if that sender never settled it. */
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';
  attempts: number;
  nextAttemptAt: Date;
  queuedAt: Date;
  sentAt?: Date;
}

const isDue = (doc: EmailDocument, now: Date): boolean => (doc.status === 'pending' || doc.status === 'sending') && doc.nextAttemptAt.getTime() <= now.getTime();

/** Once settled, the address and the text are no longer needed: only the fact stays. */
function settled(doc: EmailDocument, changes: Partial<EmailDocument>): EmailDocument {
  const { to: _to, text: _text, ...kept } = doc;
  return { ...kept, ...changes };
}

/**
 * The e-mails to send, one document each, inserted once under an id derived from their event;
 * every change after is the claim of the next revision (`ClaimedRevisions`): of the senders of
 * every instance, one only takes an e-mail for an attempt.
 */
export class MongoEmailQueue implements EmailQueue {
  private readonly inserts: GroupCommit<EmailDocument>;
  private readonly revisions: ClaimedRevisions<EmailDocument>;
  // The sender takes what it just listed and settles what it just took.
  private readonly kept = new KeptRevisions<EmailDocument>();

  constructor(
    private readonly collection: mongo.Collection<EmailDocument>,
    private readonly claims: mongo.Collection<RevisionClaim<EmailDocument>>,
  ) {
    this.inserts = new GroupCommit(collection);
    this.revisions = new ClaimedRevisions(collection, claims);
  }

  ensureIndexes(): Promise<void> {
    return this.revisions.ensureIndexes();
  }

  async enqueue({ id, requestId, kind, to, subject, text, attempts }: QueuedEmail, at: Date): Promise<void> {
    await this.inserts.insertMany([{ _id: id, revision: 0, requestId, kind, to, subject, text, attempts, status: 'pending', nextAttemptAt: at, queuedAt: at }]);
  }

  async cancel(requestId: string): Promise<void> {
    for (const stored of await this.collection.find({ requestId, status: { $in: ['pending', 'sending'] } }).toArray()) {
      await this.change(stored._id, (doc) => (doc.status === 'pending' || doc.status === 'sending' ? settled(doc, { status: 'cancelled' }) : undefined), true);
    }
  }

  async due(now: Date, limit: number): Promise<QueuedEmail[]> {
    const listed = await this.collection.find({ status: { $in: ['pending', 'sending'] }, nextAttemptAt: { $lte: now } }).sort({ nextAttemptAt: 1 }).limit(limit).toArray();
    // The stored document may be behind its latest revision (a claim whose writer stopped): one read of
    // the claims that would follow the listed revisions, and those found are followed.
    const next = (doc: EmailDocument) => claimKey(doc._id, doc.revision ?? 0);
    const followed = listed.length === 0 ? [] : await this.claims.find({ _id: { $in: listed.map(next) } }, { projection: { _id: 1 } }).toArray();
    const passed = new Set(followed.map((claim) => claim._id));
    const latest = await Promise.all(listed.map((doc) => (passed.has(next(doc)) ? this.read(doc._id, doc) : this.keep(doc))));
    return latest.flatMap((doc) => (doc !== undefined && isDue(doc, now) && doc.to !== undefined && doc.text !== undefined ? [{ id: doc._id, requestId: doc.requestId, kind: doc.kind, to: doc.to, subject: doc.subject, text: doc.text, attempts: doc.attempts }] : []));
  }

  /** Decided on the revision `due` just read: a change made since, by any instance, refuses the take. */
  async take(id: string, now: Date, leaseUntil: Date): Promise<boolean> {
    const current = this.kept.get(id) ?? (await this.read(id));
    if (current === undefined || !isDue(current, now)) return false;
    return (await this.write(current, { ...current, status: 'sending', nextAttemptAt: leaseUntil })) === 'written';
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.change(id, (doc) => (doc.status === 'cancelled' ? undefined : settled(doc, { status: 'sent', sentAt: at })), true);
  }

  async markFailed(id: string, attempts: number, retryAt: Date | undefined): Promise<void> {
    await this.change(id, (doc) => (doc.status !== 'sending' ? undefined : retryAt ? { ...doc, status: 'pending', attempts, nextAttemptAt: retryAt } : settled(doc, { status: 'failed', attempts })), retryAt === undefined);
  }

  /**
   * The e-mail's next revision as `decide` makes it from the latest (undefined: nothing to change),
   * first from the revision this process last read or wrote, which a change made since refuses;
   * `forget`: earlier revisions lose their content.
   */
  private async change(id: string, decide: (doc: EmailDocument) => EmailDocument | undefined, forget: boolean): Promise<void> {
    for (let race = 0; race < RACES; race += 1) {
      const kept = race === 0 ? this.kept.get(id) : undefined;
      const current = kept ?? (await this.read(id));
      const next = current === undefined ? undefined : decide(current);
      // Nothing to change is said by the latest revision only, which a kept one may not be.
      if (next === undefined && kept !== undefined) continue;
      if (current === undefined || next === undefined) return;
      if ((await this.write(current, next)) === 'lost') continue;
      if (forget) await this.revisions.forgetBefore(id, (current.revision ?? 0) + 1);
      return;
    }
    throw new Error(`courriel ${id} : écriture concurrente persistante`);
  }

  private keep(doc: EmailDocument): EmailDocument {
    this.kept.keep(doc);
    return doc;
  }

  private async read(id: string, known?: EmailDocument): Promise<EmailDocument | undefined> {
    const doc = await this.revisions.read(id, known);
    if (doc === undefined) this.kept.drop(id);
    else this.kept.keep(doc);
    return doc;
  }

  private async write(current: EmailDocument, next: EmailDocument): Promise<'written' | 'lost'> {
    const outcome = await this.revisions.write(current, next);
    if (outcome === 'lost') this.kept.drop(current._id);
    else this.kept.keep({ ...next, _id: current._id, revision: (current.revision ?? 0) + 1 });
    return outcome;
  }
}
