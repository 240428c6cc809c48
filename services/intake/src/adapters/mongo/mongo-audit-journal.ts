import type { AuditTrailReader } from '../../application/index.js';
import type { AuditRecord } from '../../domain/index.js';
import { unseal, type SealedAudit } from './audit-sealing.js';
import type { IntakeCollections } from './collections.js';
import type { CaseWork } from './written-cases-worker.js';

const DUPLICATE_KEY = 11000;

function onlyDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: unknown })?.writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors === undefined ? [] : [writeErrors];
  return (error as { code?: unknown })?.code === DUPLICATE_KEY && list.every((item) => (item as { code?: unknown }).code === DUPLICATE_KEY);
}

/**
 * The append-only audit collection. Entries reach it from the case documents, where they were
 * written with their change: insert (an entry already there is left as it is), then remove them
 * from the case. There is no code path that updates or deletes an entry of the collection.
 */
export class MongoAuditJournal implements AuditTrailReader, CaseWork {
  constructor(private readonly collections: IntakeCollections) {}

  async trail(caseId: string): Promise<AuditRecord[]> {
    const doc = await this.collections.cases.findOne({ _id: caseId }, { projection: { auditKey: 1, auditPending: 1 } });
    const moved = await this.collections.audit.find({ caseId }).toArray();
    const ids = new Set(moved.map((entry) => entry._id));
    const pending = (doc?.auditPending ?? []).filter((entry) => !ids.has(entry._id));
    return [...moved, ...pending].sort((a, b) => a.version - b.version).map((entry) => unseal(entry, doc?.auditKey));
  }

  private async move(docs: ReadonlyArray<{ _id: string; auditPending?: SealedAudit[] }>): Promise<number> {
    let moved = 0;
    for (const doc of docs) {
      const entries: SealedAudit[] = doc.auditPending ?? [];
      if (entries.length === 0) continue;
      try {
        await this.collections.audit.insertMany(entries, { ordered: false });
      } catch (error) {
        if (!onlyDuplicates(error)) throw error;
      }
      await this.collections.cases.updateOne({ _id: doc._id }, { $pullAll: { auditPending: entries } });
      moved += entries.length;
    }
    return moved;
  }

  async cases(ids: readonly string[]): Promise<number> {
    const docs = await Promise.all(ids.map((id) => this.collections.cases.findOne({ _id: id }, { projection: { auditPending: 1 } })));
    return this.move(docs.filter((doc) => doc !== null));
  }

  async fullPass(): Promise<number> {
    return this.move(await this.collections.cases.find({ 'auditPending.0': { $exists: true } }, { projection: { auditPending: 1 }, limit: 200 }).toArray());
  }
}
