import type { AuditTrailReader } from '../../application/index.js';
import type { AuditRecord } from '../../domain/index.js';
import { unseal } from './audit-sealing.js';
import type { IntakeCollections } from './collections.js';

/**
 * The audit trail of a case: the append-only collection, plus entries written with the latest
 * changes and not yet copied there. No code path updates or deletes an entry of the collection.
 */
export class MongoAuditJournal implements AuditTrailReader {
  constructor(private readonly collections: IntakeCollections) {}

  async trail(caseId: string): Promise<AuditRecord[]> {
    const doc = await this.collections.cases.findOne({ _id: caseId }, { projection: { auditKey: 1, auditPending: 1 } });
    const moved = await this.collections.audit.find({ caseId }).toArray();
    const ids = new Set(moved.map((entry) => entry._id));
    const pending = (doc?.auditPending ?? []).filter((entry) => !ids.has(entry._id));
    return [...moved, ...pending].sort((a, b) => a.version - b.version).map((entry) => unseal(entry, doc?.auditKey));
  }
}
