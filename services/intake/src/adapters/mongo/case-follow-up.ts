import { insertOnce, type OutboxEntry } from '@guichet/platform';
import type { SealedAudit } from './audit-sealing.js';
import type { IntakeCollections } from './collections.js';
import type { SettledEntries } from './settled-entries.js';
import type { CaseWork, WrittenCase } from './written-cases-worker.js';

const LEFTOVERS_PER_ROUND = 100;

export interface CaseFollowUpOptions {
  collections: IntakeCollections;
  /** Sends the events on Kafka; resolves once they are acknowledged. */
  publish: (entries: readonly OutboxEntry[]) => Promise<void>;
  now: () => string;
  /** The followed-up entries, left to the next write of their case to drop: the follow-up only inserts. */
  settled: SettledEntries;
  /** Drops followed-up entries from their case (what an earlier run left there), in a write of the case. */
  drop: (written: WrittenCase) => Promise<void>;
}

/**
 * What follows a committed change of a case: its audit entries are inserted in the append-only
 * collection, its outbox events published on Kafka and then marked as sent in `outbox_sent`
 * (insert-only, keyed by event id). A crash in between repeats the copy and the publication: at
 * least once, never lost; the marker is what tells, after a restart, that an event still in a
 * case was published. No update of the case on the way: FerretDB 1.24 on SQLite rewrites a
 * document by scanning its collection, and a single writer holds the database meanwhile.
 */
export class CaseFollowUp implements CaseWork {
  private leftoverIds: string[] | undefined;
  private readonly startedAt: string;

  constructor(private readonly options: CaseFollowUpOptions) {
    this.startedAt = options.now();
  }

  private get collections(): IntakeCollections {
    return this.options.collections;
  }

  /**
   * The entries of several cases in three writes whatever their number: one insertMany of the
   * audit entries, one send of the events (each case's in order), one insertMany of the markers.
   */
  private async follow(batch: readonly WrittenCase[], sent: ReadonlySet<string>): Promise<number> {
    await insertOnce((docs: SealedAudit[]) => this.collections.audit.insertMany(docs, { ordered: false }), batch.flatMap((written) => written.audit));
    const unsent = batch.flatMap((written) => written.outbox.filter((entry) => !sent.has(entry.id)).map((entry) => ({ entry, caseId: written.id })));
    if (unsent.length > 0) {
      await this.options.publish(unsent.map(({ entry }) => entry));
      const at = this.options.now();
      await insertOnce((docs) => this.collections.outboxSent.insertMany(docs, { ordered: false }), unsent.map(({ entry, caseId }) => ({ _id: entry.id, caseId, at })));
    }
    return batch.reduce((count, written) => count + written.outbox.length + written.audit.length, 0);
  }

  async cases(batch: readonly WrittenCase[]): Promise<number> {
    const handled = await this.follow(batch, new Set());
    this.options.settled.add(batch.flatMap((written) => [...written.outbox.map((entry) => entry.id), ...written.audit.map((entry) => entry._id)]));
    return handled;
  }

  /**
   * The cases holding entries when this run started (one scan), then a batch of them per round:
   * what was not sent is sent, and every entry leaves the case. Once done, the markers of earlier
   * runs are of no more use (their events left the cases) and are deleted.
   */
  async leftovers(): Promise<number> {
    if (this.leftoverIds === undefined) {
      const holding = { $or: [{ 'outbox.0': { $exists: true } }, { 'auditPending.0': { $exists: true } }] };
      this.leftoverIds = (await this.collections.cases.find(holding, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id);
    }
    if (this.leftoverIds.length === 0) return 0;
    const ids = this.leftoverIds.slice(0, LEFTOVERS_PER_ROUND);
    const docs = await Promise.all(ids.map((id) => this.collections.cases.findOne({ _id: id }, { projection: { outbox: 1, auditPending: 1 } })));
    const sent = new Set((await this.collections.outboxSent.find({ caseId: { $in: ids } }, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id));
    const held = docs.flatMap((doc): WrittenCase[] => (doc === null ? [] : [{ id: doc._id, outbox: doc.outbox ?? [], audit: doc.auditPending ?? [] }]));
    const handled = await this.follow(held, sent);
    for (const written of held) if (written.outbox.length + written.audit.length > 0) await this.options.drop(written);
    this.leftoverIds = this.leftoverIds.slice(ids.length);
    if (this.leftoverIds.length === 0) await this.collections.outboxSent.deleteMany({ at: { $lt: this.startedAt } });
    return Math.max(handled, 1);
  }
}
