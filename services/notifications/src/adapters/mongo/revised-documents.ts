import { ClaimedRevisions, claimKey, GroupCommit, type Outbox, type OutboxEntry, type Revised, type RevisionClaim } from '@guichet/platform';
import type * as mongo from 'mongodb';

/** The write made, under the key its events wait in the outbox; `lost` when another writer of that revision came first. */
export type RevisedWrite = { key: string } | 'lost';

/**
 * Documents written only by inserts under unique keys, whatever the number of instances: each
 * write claims the revision after the one it read (`ClaimedRevisions`), the first one included,
 * made on an empty document (revision 0) that every creator inserts and only one stores. Of two
 * writers of one revision exactly one wins; the other reads again and decides again.
 */
export class RevisedDocuments<D extends Revised & mongo.Document> {
  readonly revisions: ClaimedRevisions<D>;
  private readonly empties: GroupCommit<D>;

  constructor(documents: mongo.Collection<D>, claims: mongo.Collection<RevisionClaim<D>>, outbox?: Outbox) {
    this.revisions = new ClaimedRevisions(documents, claims, outbox);
    this.empties = new GroupCommit<D>({ insertMany: (docs, options) => documents.insertMany(docs as mongo.OptionalUnlessRequiredId<D>[], options) });
  }

  ensureIndexes(): Promise<void> {
    return this.revisions.ensureIndexes();
  }

  /** The latest revision, wherever its last writer got to; undefined while no write was made. */
  async read(id: string): Promise<D | undefined> {
    const doc = await this.revisions.read(id);
    return doc === undefined || (doc.revision ?? 0) === 0 ? undefined : doc;
  }

  /** `next` as the revision after `revision` (0: none yet); `events`, when given, wait in the outbox under the returned key. */
  async write(id: string, revision: number, next: D, events?: readonly OutboxEntry[]): Promise<RevisedWrite> {
    if (revision === 0) await this.empties.insertOne({ _id: id, revision: 0 } as D);
    const outcome = await this.revisions.write({ _id: id, revision } as D, next, events);
    return outcome === 'written' ? { key: claimKey(id, revision) } : 'lost';
  }
}
