import type { OutboxEntry } from '@guichet/platform';
import type { SealedAudit } from './audit-sealing.js';
import type { IntakeCollections } from './collections.js';
import type { SettledEntries } from './settled-entries.js';
import type { CaseWork, WrittenCase } from './written-cases-worker.js';

const DUPLICATE_KEY = 11000;
const LEFTOVERS_PER_ROUND = 100;

function onlyDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: unknown })?.writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors === undefined ? [] : [writeErrors];
  return (error as { code?: unknown })?.code === DUPLICATE_KEY && list.every((item) => (item as { code?: unknown }).code === DUPLICATE_KEY);
}

/** Inserts that may have been made already (a follow-up repeated after a crash): the copies there are kept. */
async function insertOnce<T extends { _id: string }>(insert: (docs: T[]) => Promise<unknown>, docs: T[]): Promise<void> {
  if (docs.length === 0) return;
  try {
    await insert(docs);
  } catch (error) {
    if (!onlyDuplicates(error)) throw error;
  }
}

export interface CaseFollowUpOptions {
  collections: IntakeCollections;
  /** Sends the events on Kafka; resolves once they are acknowledged. */
  publish: (entries: readonly OutboxEntry[]) => Promise<void>;
  now: () => string;
  /**
   * Given (FerretDB): the followed-up entries are left to the case's next write to drop, so the
   * follow-up only inserts. Absent (MongoDB, where an update by `_id` is cheap): it removes them.
   */
  settled?: SettledEntries;
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

  private async follow(written: WrittenCase, sent: ReadonlySet<string>): Promise<number> {
    const { outbox, audit } = written;
    await insertOnce((docs: SealedAudit[]) => this.collections.audit.insertMany(docs, { ordered: false }), audit);
    const unsent = outbox.filter((entry) => !sent.has(entry.id));
    if (unsent.length > 0) {
      await this.options.publish(unsent);
      const at = this.options.now();
      await insertOnce((docs) => this.collections.outboxSent.insertMany(docs, { ordered: false }), unsent.map((entry) => ({ _id: entry.id, caseId: written.id, at })));
    }
    return outbox.length + audit.length;
  }

  private async removeFromCase(written: WrittenCase): Promise<void> {
    if (written.outbox.length + written.audit.length === 0) return;
    await this.collections.cases.updateOne({ _id: written.id }, { $pullAll: { outbox: written.outbox, auditPending: written.audit } });
  }

  async cases(batch: readonly WrittenCase[]): Promise<number> {
    let handled = 0;
    for (const written of batch) {
      handled += await this.follow(written, new Set());
      if (this.options.settled === undefined) await this.removeFromCase(written);
      else this.options.settled.add([...written.outbox.map((entry) => entry.id), ...written.audit.map((entry) => entry._id)]);
    }
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
    let handled = 0;
    for (const doc of docs) {
      if (doc === null) continue;
      const written: WrittenCase = { id: doc._id, outbox: doc.outbox ?? [], audit: doc.auditPending ?? [] };
      handled += await this.follow(written, sent);
      await this.removeFromCase(written);
    }
    this.leftoverIds = this.leftoverIds.slice(ids.length);
    if (this.leftoverIds.length === 0) await this.collections.outboxSent.deleteMany({ at: { $lt: this.startedAt } });
    return Math.max(handled, 1);
  }
}
