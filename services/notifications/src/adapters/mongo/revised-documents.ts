import { ClaimedRevisions, claimKey, GroupCommit, type ClaimedRevisionsOptions, type Outbox, type OutboxEntry, type Revised, type RevisionClaim } from '@guichet/platform';
import type * as mongo from 'mongodb';

/** The write made, under the key its events wait in the outbox; `lost` when another writer of that revision came first. */
export type RevisedWrite = { key: string } | 'lost';

export interface KeptRevisionsOptions {
  maxDocuments?: number;
  ttlMs?: number;
  now?: () => number;
}

/**
 * The revision of each document this process read or wrote lately, to read it again from there:
 * one read of the claim that would follow it instead of the stored document and then that claim.
 * Whatever is kept, a read still follows every later claim, so it answers the latest revision as
 * a read from the stored document does. Bounded in number, and in time from the read or write
 * that kept it, as it may hold personal data that another instance's erasure has since removed.
 */
export class KeptRevisions<D extends Revised> {
  private readonly entries = new Map<string, { doc: D; at: number }>();
  private readonly maxDocuments: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor({ maxDocuments = 5_000, ttlMs = 60_000, now = Date.now }: KeptRevisionsOptions = {}) {
    this.maxDocuments = maxDocuments;
    this.ttlMs = ttlMs;
    this.now = now;
  }

  get(id: string): D | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    if (this.now() - entry.at < this.ttlMs) return entry.doc;
    this.entries.delete(id);
    return undefined;
  }

  /** Keeps `doc` unless a later revision of it is kept already. */
  keep(doc: D): void {
    const kept = this.entries.get(doc._id);
    if (kept !== undefined && (kept.doc.revision ?? 0) > (doc.revision ?? 0)) return;
    this.entries.delete(doc._id);
    this.entries.set(doc._id, { doc, at: this.now() });
    while (this.entries.size > this.maxDocuments) this.entries.delete(this.entries.keys().next().value as string);
  }

  drop(id: string): void {
    this.entries.delete(id);
  }
}

/**
 * Documents written only by inserts under unique keys, whatever the number of instances: each
 * write claims the revision after the one it read (`ClaimedRevisions`), the first one included,
 * made on an empty document (revision 0) that every creator inserts and only one stores. Of two
 * writers of one revision exactly one wins; the other reads again and decides again.
 */
export class RevisedDocuments<D extends Revised & mongo.Document> {
  readonly revisions: ClaimedRevisions<D>;
  private readonly empties: GroupCommit<D>;
  // A case's events come a few seconds apart, each handled by the instance that reads its partition.
  private readonly kept = new KeptRevisions<D>();

  constructor(documents: mongo.Collection<D>, claims: mongo.Collection<RevisionClaim<D>>, outbox?: Outbox, options?: ClaimedRevisionsOptions) {
    this.revisions = new ClaimedRevisions(documents, claims, outbox, options);
    this.empties = new GroupCommit<D>({ insertMany: (docs, options) => documents.insertMany(docs as mongo.OptionalUnlessRequiredId<D>[], options) });
  }

  ensureIndexes(): Promise<void> {
    return this.revisions.ensureIndexes();
  }

  /** The latest revision, wherever its last writer got to; undefined while no write was made. */
  async read(id: string): Promise<D | undefined> {
    let doc: D | undefined;
    try {
      doc = await this.revisions.read(id, this.kept.get(id));
    } catch (error) {
      // Read from the stored document next time, not again from a revision that led here.
      this.kept.drop(id);
      throw error;
    }
    if (doc !== undefined) this.kept.keep(doc);
    return doc === undefined || (doc.revision ?? 0) === 0 ? undefined : doc;
  }

  /** The latest revision this process read or wrote lately, without reading it: possibly behind another instance's write. */
  recall(id: string): D | undefined {
    const doc = this.kept.get(id);
    return doc === undefined || (doc.revision ?? 0) === 0 ? undefined : doc;
  }

  /** `next` as the revision after `revision` (0: none yet); `events`, when given, wait in the outbox under the returned key. */
  async write(id: string, revision: number, next: D, events?: readonly OutboxEntry[]): Promise<RevisedWrite> {
    if (revision === 0) await this.empties.insertOne({ _id: id, revision: 0 } as D);
    const outcome = await this.revisions.write({ _id: id, revision } as D, next, events);
    if (outcome === 'lost') {
      this.kept.drop(id);
      return 'lost';
    }
    this.kept.keep({ ...next, _id: id, revision: revision + 1 });
    return { key: claimKey(id, revision) };
  }
}
